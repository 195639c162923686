// A site's database page: Reveal fetches the full address (with the password) only when asked; Copy reveals first if
// needed, then puts the address on the clipboard.
(function () {
  'use strict';
  const page = document.getElementById('database-page');
  const url = document.getElementById('database-url');
  const reveal = document.getElementById('reveal-password');
  const copy = document.getElementById('copy-url');
  const result = document.getElementById('copy-result');
  const meta = name => document.querySelector('meta[name="' + name + '"]').getAttribute('content');
  let full = null;

  async function fetchFull() {
    if (full !== null) {
      return full;
    }
    const headers = {};
    headers[meta('_csrf_header')] = meta('_csrf');
    const response = await fetch(page.dataset.revealUrl,
      { method: 'POST', headers: headers, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('The password could not be fetched (HTTP ' + response.status + ').');
    }
    full = (await response.json()).url;
    return full;
  }

  async function show() {
    url.textContent = await fetchFull();
    reveal.disabled = true;
  }

  reveal.addEventListener('click', () => show().catch(error => { result.textContent = error.message; }));

  copy.addEventListener('click', async () => {
    try {
      await show();
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(full);
      }
      else {
        // Over plain HTTP the clipboard API is missing: copy from a selected, off-screen text area instead.
        const area = document.createElement('textarea');
        area.value = full;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.left = '-1000px';
        document.body.appendChild(area);
        area.select();
        document.execCommand('copy');
        area.remove();
      }
      result.textContent = 'Copied';
    }
    catch (error) {
      result.textContent = error.message;
    }
  });
})();
