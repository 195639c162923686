// The file editor: a live tree of the site's files, tabs of open files in CodeMirror, saving with conflict
// detection, uploads with progress, and the file operations. Everything goes through /sites/<id>/files/api.
(function () {
  'use strict';
  const page = document.getElementById('file-editor');
  if (!page || !window.CodeMirror) { return; }
  const siteId = page.dataset.siteId;
  const maxBytes = Number(page.dataset.maxFileBytes) || 16 * 1024 * 1024;
  const base = '/sites/' + encodeURIComponent(siteId) + '/files';
  const api = base + '/api';
  const csrfHeader = meta('_csrf_header');
  const csrfToken = meta('_csrf');
  const $ = (id) => document.getElementById(id);

  const MODES = {
    html: 'htmlmixed', htm: 'htmlmixed', css: 'css', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
    json: { name: 'javascript', json: true }, py: 'python', php: 'application/x-httpd-php',
    md: 'markdown', markdown: 'markdown', yml: 'yaml', yaml: 'yaml', sh: 'shell', bash: 'shell'
  };
  const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

  let entries = new Map();   // path -> entry of the last tree, in tree order
  const collapsed = new Map(); // folder path -> true when closed
  let selected = null;       // selected path, null for the site itself
  const tabs = [];           // { path, kind: text|image|binary, doc, version, generation, conflict, element }
  let active = null;
  const opening = new Set();

  const editor = CodeMirror($('editor-host'), {
    value: CodeMirror.Doc(''), lineNumbers: true, indentUnit: 2, tabSize: 2, lineWrapping: false
  });
  CodeMirror.commands.save = () => save(active, false);
  editor.on('change', () => { if (active) { showDirty(active); } });

  function meta(name) {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : '';
  }

  function query(params) {
    const parts = Object.keys(params || {}).filter((key) => params[key] !== null && params[key] !== undefined)
      .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(params[key]));
    return parts.length ? '?' + parts.join('&') : '';
  }

  // One call to the file API; rejects with the server's own message and the status.
  async function call(method, path, params, body, contentType) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') { headers[csrfHeader] = csrfToken; }
    if (contentType) { headers['Content-Type'] = contentType; }
    let response;
    try {
      response = await fetch(api + path + query(params), { method, headers, body, credentials: 'same-origin' });
    } catch (e) {
      throw failure(0, 'The portal could not be reached. Check your connection and try again.');
    }
    if (response.redirected && response.url.indexOf('/login') >= 0) {
      throw failure(401, 'You have been signed out. Reload the page to sign in again.');
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (response.status === 403 && !(data && data.error)) {
      throw failure(403, 'The portal refused the request; reload the page and try again.');
    }
    if (!response.ok) {
      throw failure(response.status, (data && data.error) || 'The request failed (' + response.status + ').');
    }
    return data;
  }

  function failure(status, message) {
    const error = new Error(message);
    error.status = status;
    return error;
  }

  function showError(message) {
    const box = $('file-error');
    box.textContent = message;
    box.classList.remove('d-none');
  }

  function clearError() { $('file-error').classList.add('d-none'); }

  function status(message) { $('editor-status').textContent = message; }

  function size(bytes) {
    if (bytes < 1024) { return bytes + ' B'; }
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return value.toFixed(value < 10 ? 1 : 0) + ' ' + units[unit];
  }

  function parent(path) { return path.indexOf('/') < 0 ? '' : path.substring(0, path.lastIndexOf('/')); }

  function modeFor(path) {
    const name = path.substring(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    return dot < 0 ? null : (MODES[name.substring(dot + 1).toLowerCase()] || null);
  }

  // ---- the tree ----

  async function loadTree() {
    const data = await call('GET', '/tree');
    entries = new Map((data.entries || []).map((entry) => [entry.path, entry]));
    renderTree(data.entries || []);
    if (data.truncated) { status('The site has too many files to list them all; the tree is incomplete.'); }
    if (selected !== null && !entries.has(selected)) { select(null); }
    loadUsage();
  }

  async function loadUsage() {
    try {
      const usage = await call('GET', '/usage');
      $('usage').textContent = 'Using ' + size(usage.bytes) + ' in ' + usage.files + (usage.files === 1 ? ' file' : ' files');
    } catch (e) {
      $('usage').textContent = '';
    }
  }

  function hiddenByAncestor(path) {
    for (let dir = parent(path); dir !== ''; dir = parent(dir)) {
      if (collapsed.get(dir)) { return true; }
    }
    return false;
  }

  function renderTree(list) {
    const tree = $('file-tree');
    tree.replaceChildren();
    list.forEach((entry) => {
      if (!collapsed.has(entry.path) && entry.type === 'dir') {
        // Hidden folders (.home and the like) start closed; everything else open.
        collapsed.set(entry.path, entry.name.charAt(0) === '.');
      }
      const item = document.createElement('li');
      item.className = 'tree-entry';
      item.dataset.path = entry.path;
      item.dataset.type = entry.type;
      item.style.paddingLeft = (0.5 + (entry.path.split('/').length - 1)) + 'rem';
      item.title = entry.path + '\n' + (entry.type === 'dir' ? 'folder' : size(entry.size)) + '\nmode ' + entry.mode
        + '\nmodified ' + (entry.modified ? new Date(entry.modified).toLocaleString() : '?');
      const name = document.createElement('span');
      name.className = 'tree-name';
      name.textContent = entry.name;
      const details = document.createElement('span');
      details.className = 'tree-details';
      details.textContent = (entry.type === 'dir' ? '' : size(entry.size) + ' ') + entry.mode;
      item.append(name, details);
      if (entry.type === 'dir' && !collapsed.get(entry.path)) { item.classList.add('open'); }
      if (hiddenByAncestor(entry.path)) { item.classList.add('tree-hidden'); }
      if (entry.path === selected) { item.classList.add('selected'); }
      tree.appendChild(item);
    });
  }

  $('file-tree').addEventListener('click', (event) => {
    const item = event.target.closest('.tree-entry');
    if (!item) { return; }
    clearError();
    const path = item.dataset.path;
    select(path);
    if (item.dataset.type === 'dir') {
      collapsed.set(path, !collapsed.get(path));
      renderTree(Array.from(entries.values()));
    } else {
      open(path);
    }
  });

  function select(path) {
    selected = path;
    document.querySelectorAll('#file-tree .tree-entry').forEach((item) => {
      item.classList.toggle('selected', item.dataset.path === path);
    });
    $('selected-path').textContent = path === null ? '(the site)' : path;
    ['rename', 'chmod', 'download', 'delete'].forEach((id) => { $(id).disabled = path === null; });
    const folder = path === null ? '' : (entries.has(path) && entries.get(path).type === 'dir' ? path : parent(path));
    $('download-zip').href = base + '/zip' + query({ path: folder });
    $('download-zip').textContent = folder === '' ? 'Download the site as zip' : 'Download ' + folder + ' as zip';
  }

  // The folder new files go into: the selected folder, the selected file's folder, or public/.
  function targetFolder() {
    if (selected === null) { return 'public'; }
    const entry = entries.get(selected);
    return entry && entry.type === 'dir' ? selected : parent(selected);
  }

  // ---- tabs ----

  async function open(path) {
    const existing = tabs.find((tab) => tab.path === path);
    if (existing) { activate(existing); return; }
    if (opening.has(path)) { return; }
    if (IMAGE.test(path)) { activate(addTab({ path, kind: 'image' })); return; }
    opening.add(path);
    try {
      const file = await call('GET', '/content', { path });
      if (file.binary) {
        activate(addTab({ path, kind: 'binary' }));
      } else {
        const doc = CodeMirror.Doc(file.text, modeFor(path));
        activate(addTab({ path, kind: 'text', doc, version: file.version, generation: doc.changeGeneration(true) }));
      }
    } catch (e) {
      if (e.status === 413) {
        activate(addTab({ path, kind: 'binary' }));
        status(path + ' is too large to edit here; download it instead.');
      } else {
        showError('Could not open ' + path + ': ' + e.message);
      }
    } finally {
      opening.delete(path);
    }
  }

  function addTab(tab) {
    const item = document.createElement('li');
    item.className = 'nav-item';
    const link = document.createElement('a');
    link.className = 'nav-link file-tab';
    link.href = '#';
    link.dataset.path = tab.path;
    const name = document.createElement('span');
    name.className = 'tab-name';
    const dirty = document.createElement('span');
    dirty.className = 'tab-dirty';
    dirty.textContent = '\u25CF';
    dirty.title = 'Unsaved changes';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'tab-close';
    close.textContent = '\u00D7';
    close.setAttribute('aria-label', 'Close');
    link.append(name, dirty, close);
    item.appendChild(link);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (event.target === close) { closeTab(tab); } else { activate(tab); }
    });
    tab.element = link;
    tabs.push(tab);
    $('tabs').appendChild(item);
    label(tab);
    return tab;
  }

  function label(tab) {
    tab.element.dataset.path = tab.path;
    tab.element.title = tab.path;
    tab.element.querySelector('.tab-name').textContent = tab.path.substring(tab.path.lastIndexOf('/') + 1);
  }

  function isDirty(tab) { return tab.kind === 'text' && !tab.doc.isClean(tab.generation); }

  function showDirty(tab) { tab.element.classList.toggle('dirty', isDirty(tab)); }

  function activate(tab) {
    active = tab;
    tabs.forEach((other) => other.element.classList.toggle('active', other === tab));
    $('editor-empty').classList.toggle('d-none', tab !== null);
    $('editor-host').classList.toggle('d-none', !tab || tab.kind !== 'text');
    $('preview').classList.toggle('d-none', !tab || tab.kind !== 'image');
    $('binary').classList.toggle('d-none', !tab || tab.kind !== 'binary');
    $('conflict').classList.toggle('d-none', !tab || !tab.conflict);
    if (!tab) { return; }
    if (tab.kind === 'text') {
      editor.swapDoc(tab.doc);
      editor.refresh();
      editor.focus();
    } else if (tab.kind === 'image') {
      $('preview-image').src = base + '/preview' + query({ path: tab.path, t: Date.now() });
    } else {
      $('binary-download').href = base + '/download' + query({ path: tab.path });
    }
  }

  async function closeTab(tab) {
    if (isDirty(tab) && !await ask({ title: 'Close without saving?', message: tab.path + ' has unsaved changes.',
      ok: 'Close without saving', danger: true })) {
      return;
    }
    dropTab(tab);
  }

  function dropTab(tab) {
    const index = tabs.indexOf(tab);
    tabs.splice(index, 1);
    tab.element.parentElement.remove();
    if (active === tab) {
      if (tab.kind === 'text') { editor.swapDoc(CodeMirror.Doc('')); }
      activate(tabs[Math.min(index, tabs.length - 1)] || null);
    }
  }

  // ---- saving ----

  async function save(tab, overwrite) {
    if (!tab || tab.kind !== 'text') { return; }
    clearError();
    const text = tab.doc.getValue();
    if (new Blob([text]).size > maxBytes) {
      showError(tab.path + ' is larger than 16 MiB, the most a file may be; it was not saved.');
      return;
    }
    const generation = tab.doc.changeGeneration();
    status('Saving ' + tab.path + '\u2026');
    try {
      const result = await call('PUT', '/content', { path: tab.path, version: overwrite ? null : tab.version },
        text, 'text/plain;charset=UTF-8');
      tab.version = result.version;
      tab.generation = generation;
      tab.conflict = false;
      showDirty(tab);
      if (tab === active) { $('conflict').classList.add('d-none'); }
      status('Saved ' + tab.path + ' at ' + new Date().toLocaleTimeString() + '.');
    } catch (e) {
      if (e.status === 409 && !overwrite) {
        tab.conflict = true;
        if (tab === active) { $('conflict').classList.remove('d-none'); }
        status(tab.path + ' changed on disk since you opened it: reload it or overwrite it.');
      } else {
        showError('Could not save ' + tab.path + ': ' + e.message);
        status('');
      }
    }
  }

  async function reloadFromDisk(tab) {
    try {
      const file = await call('GET', '/content', { path: tab.path });
      tab.doc.setValue(file.text || '');
      tab.version = file.version;
      tab.generation = tab.doc.changeGeneration(true);
      tab.conflict = false;
      showDirty(tab);
      $('conflict').classList.add('d-none');
      status('Reloaded ' + tab.path + ' from disk.');
    } catch (e) {
      showError('Could not reload ' + tab.path + ': ' + e.message);
    }
  }

  $('conflict-reload').addEventListener('click', () => { if (active) { reloadFromDisk(active); } });
  $('conflict-overwrite').addEventListener('click', () => { if (active) { save(active, true); } });

  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
      // CodeMirror has already saved when it handled the key itself.
      const handled = event.defaultPrevented;
      event.preventDefault();
      if (!handled) { save(active, false); }
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (tabs.some(isDirty)) { event.preventDefault(); event.returnValue = ''; }
  });

  // ---- the dialog ----

  // Resolves to the typed text (or true without an input), or null when cancelled.
  function ask(options) {
    const dialog = $('file-dialog');
    const input = $('file-dialog-input');
    $('file-dialog-title').textContent = options.title;
    $('file-dialog-message').textContent = options.message || '';
    $('file-dialog-ok').textContent = options.ok || 'OK';
    $('file-dialog-ok').className = 'btn btn-sm ' + (options.danger ? 'btn-danger' : 'btn-primary');
    input.classList.toggle('d-none', options.value === undefined);
    input.value = options.value === undefined ? '' : options.value;
    return new Promise((resolve) => {
      const form = $('file-dialog-form');
      const finish = (result) => {
        form.removeEventListener('submit', onSubmit);
        $('file-dialog-cancel').removeEventListener('click', onCancel);
        dialog.removeEventListener('cancel', onCancel);
        if (dialog.open) { dialog.close(); }
        resolve(result);
      };
      const onSubmit = (event) => {
        event.preventDefault();
        finish(options.value === undefined ? true : (input.value.trim() || null));
      };
      const onCancel = (event) => { event.preventDefault(); finish(null); };
      form.addEventListener('submit', onSubmit);
      $('file-dialog-cancel').addEventListener('click', onCancel);
      dialog.addEventListener('cancel', onCancel);
      dialog.showModal();
      if (options.value !== undefined) { input.focus(); input.setSelectionRange(input.value.length, input.value.length); }
    });
  }

  // Runs one file operation, shows its error if any, and reloads the tree.
  async function operation(work) {
    clearError();
    try {
      await work();
    } catch (e) {
      showError(e.message);
    }
    try { await loadTree(); } catch (e) { showError('Could not load the files: ' + e.message); }
  }

  // ---- file operations ----

  $('new-file').addEventListener('click', async () => {
    const path = await ask({ title: 'New file', message: 'The new file\'s path inside the site:',
      value: targetFolder() + '/', ok: 'Create' });
    if (!path) { return; }
    await operation(async () => { await call('POST', '/create', { path }); await loadTree(); select(path); open(path); });
  });

  $('new-folder').addEventListener('click', async () => {
    const path = await ask({ title: 'New folder', message: 'The new folder\'s path inside the site:',
      value: targetFolder() + '/', ok: 'Create' });
    if (!path) { return; }
    await operation(async () => { await call('POST', '/mkdir', { path: path.replace(/\/+$/, '') }); });
  });

  $('rename').addEventListener('click', async () => {
    const from = selected;
    if (from === null) { return; }
    const to = await ask({ title: 'Rename or move', message: 'The new path of ' + from + ':', value: from, ok: 'Move' });
    if (!to || to === from) { return; }
    await operation(async () => {
      await call('POST', '/move', { from, to });
      tabs.forEach((tab) => {
        if (tab.path === from || tab.path.indexOf(from + '/') === 0) { tab.path = to + tab.path.substring(from.length); label(tab); }
      });
      selected = to;
    });
    select(entries.has(to) ? to : null);
  });

  $('delete').addEventListener('click', async () => {
    const path = selected;
    const entry = entries.get(path);
    if (!entry) { return; }
    const folder = entry.type === 'dir';
    const nonEmpty = folder && Array.from(entries.keys()).some((other) => other.indexOf(path + '/') === 0);
    const confirmed = await ask({
      title: folder ? 'Delete folder' : 'Delete file',
      message: nonEmpty ? 'Delete the folder ' + path + ' and everything in it? This cannot be undone.'
        : 'Delete ' + path + '? This cannot be undone.',
      ok: 'Delete', danger: true
    });
    if (!confirmed) { return; }
    await operation(async () => {
      await call('DELETE', '', { path, recursive: nonEmpty });
      tabs.filter((tab) => tab.path === path || tab.path.indexOf(path + '/') === 0).forEach(dropTab);
      select(null);
    });
  });

  $('chmod').addEventListener('click', async () => {
    const path = selected;
    const entry = entries.get(path);
    if (!entry) { return; }
    const mode = await ask({ title: 'Permissions of ' + path,
      message: 'Permission bits as three octal digits: 644 for ordinary files, 755 for folders and scripts.',
      value: entry.mode, ok: 'Change' });
    if (!mode) { return; }
    await operation(async () => { await call('POST', '/chmod', { path, mode }); });
  });

  $('download').addEventListener('click', () => {
    const entry = entries.get(selected);
    if (!entry) { return; }
    // A link with the download attribute does not unload the page (no prompt about unsaved tabs).
    const link = document.createElement('a');
    link.href = base + (entry.type === 'dir' ? '/zip' : '/download') + query({ path: selected });
    link.download = '';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  // ---- uploads ----

  function upload(files, folder) {
    const list = Array.from(files || []);
    if (!list.length) { return; }
    clearError();
    const tooBig = list.filter((file) => file.size > maxBytes);
    if (tooBig.length) {
      showError(tooBig.map((file) => file.name).join(', ') + (tooBig.length === 1 ? ' is' : ' are')
        + ' larger than 16 MiB, the most a file may be. Nothing was uploaded.');
      return;
    }
    const form = new FormData();
    form.append('directory', folder);
    list.forEach((file) => form.append('files', file, file.name));
    const request = new XMLHttpRequest();
    request.open('POST', api + '/upload');
    request.setRequestHeader(csrfHeader, csrfToken);
    request.setRequestHeader('Accept', 'application/json');
    const bar = $('upload-progress-bar');
    $('upload-progress').classList.remove('d-none');
    bar.style.width = '0%';
    bar.textContent = '';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        const percent = Math.round(event.loaded * 100 / event.total);
        bar.style.width = percent + '%';
        bar.textContent = percent + '%';
      }
    });
    request.addEventListener('load', () => {
      $('upload-progress').classList.add('d-none');
      if (request.status >= 200 && request.status < 300) {
        status('Uploaded ' + list.length + (list.length === 1 ? ' file' : ' files') + ' to ' + (folder || 'the site') + '.');
      } else {
        let message = 'The upload failed (' + request.status + ').';
        try { message = JSON.parse(request.responseText).error || message; } catch (e) { /* keep the status */ }
        showError(message);
      }
      loadTree().catch((e) => showError('Could not load the files: ' + e.message));
    });
    request.addEventListener('error', () => {
      $('upload-progress').classList.add('d-none');
      showError('The upload failed: the connection to the portal was lost.');
    });
    request.send(form);
  }

  $('upload-button').addEventListener('click', () => $('upload-input').click());
  $('upload-input').addEventListener('change', () => {
    upload($('upload-input').files, targetFolder());
    $('upload-input').value = '';
  });

  const dropZone = $('drop-zone');
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const item = event.target.closest('.tree-entry');
    const folder = item ? (item.dataset.type === 'dir' ? item.dataset.path : parent(item.dataset.path)) : targetFolder();
    upload(event.dataTransfer.files, folder);
  });

  // ---- live updates ----

  let reloadTimer = null;
  let retryDelay = 1000;

  function connect() {
    if (!window.WebSocket) { return; }
    const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + window.location.host + '/live/files?site=' + encodeURIComponent(siteId));
    socket.onopen = () => { retryDelay = 1000; };
    socket.onmessage = (event) => {
      if (!JSON.parse(event.data).changed) { return; }
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => loadTree().catch(() => { /* the next change retries */ }), 150);
    };
    socket.onclose = () => {
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

  select(null);
  loadTree().then(() => page.classList.add('loaded'))
    .catch((e) => showError('Could not load the files: ' + e.message));
  connect();
}());
