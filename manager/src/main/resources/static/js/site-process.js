// Keeps a dynamic site's process state and its last log lines up to date on its page, every three seconds.
(function () {
  'use strict';
  var page = document.getElementById('site-page');
  var card = document.getElementById('process');
  if (!page || !card) { return; }
  var url = '/sites/' + page.dataset.siteId + '/process';
  var log = document.getElementById('process-log');
  var state = document.getElementById('process-state');
  var detail = document.getElementById('process-detail');
  var help = document.getElementById('process-help');

  function render(view) {
    var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.textContent = view.log || '(no output yet)';
    if (atBottom) { log.scrollTop = log.scrollHeight; }
    card.dataset.state = view.state;
    state.textContent = view.state.charAt(0).toUpperCase() + view.state.slice(1);
    state.className = 'badge ms-2 process-' + view.state;
    detail.textContent = view.detail || '';
    help.classList.toggle('d-none', !view.needsHelp);
  }

  function refresh() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (view) { if (view) { render(view); } })
      .catch(function () { /* Tried again on the next tick. */ })
      .finally(function () { window.setTimeout(refresh, 3000); });
  }

  refresh();
}());
