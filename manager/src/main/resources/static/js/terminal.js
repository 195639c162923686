// The web terminal: xterm.js on /live/terminal, which relays to a shell in the site.
(function () {
	'use strict';

	// Input goes in pieces well under the server's message limit, so that a large paste gets through.
	var INPUT_CHUNK = 4096;

	var box = document.getElementById('terminal');
	if (!box) {
		return;
	}
	var siteId = box.getAttribute('data-site-id');
	var status = document.getElementById('terminal-status');
	var reconnect = document.getElementById('reconnect');

	var term = new Terminal({ cursorBlink: true, scrollback: 5000, convertEol: false,
		fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' });
	var fit = new FitAddon.FitAddon();
	term.loadAddon(fit);
	term.open(box);
	// The canvas renderer draws the text, so what the terminal shows is readable only through its buffer; the
	// element holds the terminal for scripts that need it, such as the end-to-end tests. (The DOM renderer would
	// put the text in the page but needs inline styles, which the portal's CSP forbids.)
	box.xterm = term;
	fit.fit();

	var socket = null;

	function setStatus(text) {
		status.textContent = text;
	}

	function send(message) {
		if (socket && socket.readyState === WebSocket.OPEN) {
			socket.send(JSON.stringify(message));
		}
	}

	function sendResize() {
		send({ type: 'resize', cols: term.cols, rows: term.rows });
	}

	function connect() {
		reconnect.classList.add('d-none');
		setStatus('Connecting…');
		var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
		var ws = new WebSocket(scheme + '//' + window.location.host + '/live/terminal?site=' + encodeURIComponent(siteId));
		ws.binaryType = 'arraybuffer';
		var ended = false;
		socket = ws;
		ws.onopen = function () {
			setStatus('Connected');
			box.setAttribute('data-state', 'connected');
			sendResize();
			term.focus();
		};
		ws.onmessage = function (event) {
			if (typeof event.data !== 'string') {
				term.write(new Uint8Array(event.data));
				return;
			}
			var message;
			try {
				message = JSON.parse(event.data);
			} catch (e) {
				return;
			}
			if (message.type === 'exit') {
				ended = true;
				setStatus('The shell ended (exit status ' + message.code + ').');
			} else if (message.type === 'error') {
				ended = true;
				setStatus('Error: ' + message.message);
			}
		};
		ws.onclose = function () {
			if (socket === ws) {
				socket = null;
			}
			if (!ended) {
				setStatus('Disconnected.');
			}
			box.setAttribute('data-state', 'closed');
			reconnect.classList.remove('d-none');
		};
	}

	term.onData(function (data) {
		var i = 0;
		while (i < data.length) {
			var end = Math.min(i + INPUT_CHUNK, data.length);
			// Never split a character made of two UTF-16 units between two messages.
			var last = data.charCodeAt(end - 1);
			if (end < data.length && last >= 0xD800 && last <= 0xDBFF) {
				end--;
			}
			send({ type: 'input', data: data.substring(i, end) });
			i = end;
		}
	});
	term.onResize(sendResize);

	var pending = null;
	window.addEventListener('resize', function () {
		if (pending) {
			window.clearTimeout(pending);
		}
		pending = window.setTimeout(function () {
			pending = null;
			fit.fit();
		}, 100);
	});

	reconnect.addEventListener('click', function () {
		term.reset();
		connect();
	});

	connect();
}());
