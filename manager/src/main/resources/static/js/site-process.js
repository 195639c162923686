// Shows a site's process on its page over a WebSocket: its state every few seconds, and its log, the last lines
// first and then each new line as the process writes it. Reconnects when the connection drops.
(function () {
  'use strict';
  var page = document.getElementById('site-page');
  var card = document.getElementById('process');
  if (!page || !card || !window.WebSocket) { return; }
  var siteId = page.dataset.siteId;
  var log = document.getElementById('process-log');
  var state = document.getElementById('process-state');
  var detail = document.getElementById('process-detail');
  var help = document.getElementById('process-help');
  var connection = document.getElementById('process-connection');
  var MAX_LINES = 1000;
  var lines = [];

  function renderStatus(view) {
    card.dataset.state = view.state;
    state.textContent = view.state.charAt(0).toUpperCase() + view.state.slice(1);
    state.className = 'badge ms-2 process-' + view.state;
    detail.textContent = view.detail || '';
    help.classList.toggle('d-none', !view.needsHelp);
  }

  function renderLines(reset, added) {
    var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    lines = reset ? added.slice() : lines.concat(added);
    if (lines.length > MAX_LINES) { lines = lines.slice(lines.length - MAX_LINES); }
    log.textContent = lines.length ? lines.join('\n') + '\n' : '(no output yet)';
    if (atBottom || reset) { log.scrollTop = log.scrollHeight; }
  }

  function say(text) {
    connection.textContent = text;
    connection.classList.toggle('d-none', !text);
  }

  function connect() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + window.location.host + '/live/process?site=' + encodeURIComponent(siteId));
    socket.onopen = function () { say(''); };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.status) { renderStatus(message.status); }
      if (message.lines) { say(''); renderLines(message.reset, message.lines); }
      if (message.error) { say(message.error); }
    };
    socket.onclose = function () {
      say('Disconnected from the live log; reconnecting…');
      window.setTimeout(connect, 3000);
    };
  }

  connect();
}());
