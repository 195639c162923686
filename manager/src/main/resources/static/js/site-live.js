// Keeps a site's page up to date while an operation runs: each action's status, message and time.
(function () {
  'use strict';
  var page = document.getElementById('site-page');
  if (!page || !window.WebSocket) { return; }
  var siteId = page.dataset.siteId;
  var shownStatus = page.dataset.operationStatus;
  var retryDelay = 1000;
  // Once the person has clicked a link or sent a form, the page must not reload or move over their navigation:
  // a reload started after the click would cancel it and leave them on this page.
  var leaving = false;
  window.addEventListener('beforeunload', function () { leaving = true; });
  // Coming back to the page from the browser's history: it is on show again.
  window.addEventListener('pageshow', function (event) { if (event.persisted) { leaving = false; } });

  function render(operation) {
    if (!operation) {
      // The site and its operations are gone: it was deleted.
      if (shownStatus !== 'NONE' && !leaving) { window.location.assign('/sites'); }
      return;
    }
    var status = document.getElementById('operation-status');
    if (status) {
      status.textContent = operation.status;
      status.className = 'fw-semibold status-' + operation.status;
    }
    operation.actions.forEach(function (action) {
      var row = document.getElementById('action-' + action.position);
      if (!row) { return; }
      var badge = row.querySelector('.action-status');
      badge.textContent = action.status;
      badge.className = 'action-status fw-semibold status-' + action.status;
      row.querySelector('.action-message').textContent = action.message || '';
      row.querySelector('.action-duration').textContent =
        action.durationMillis === null ? '' : action.durationMillis + ' ms';
    });
    var finished = operation.status === 'SUCCEEDED' || operation.status === 'FAILED';
    // A finished operation changes what the page offers (the address, a retry button): load it afresh.
    if (finished && operation.status !== shownStatus && !leaving) {
      window.location.reload();
    }
  }

  function connect() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + window.location.host + '/live/site?site=' + encodeURIComponent(siteId));
    socket.onopen = function () { retryDelay = 1000; };
    socket.onmessage = function (event) { render(JSON.parse(event.data).operation); };
    socket.onclose = function () {
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }
  connect();
}());
