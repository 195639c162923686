package edu.tjhsst.director.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 requests, so a test can name any Host header and see exactly what came back. */
final class Http {

	private Http() {
	}

	/** The status line and body of a request to 127.0.0.1:port with the given Host header. */
	static Response get(int port, String host, String path) throws IOException {
		return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
	}

	static Response send(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			int bodyStart = text.indexOf("\r\n\r\n");
			return new Response(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
		}
	}

	/** Whether anything accepts connections on the port. */
	static boolean reachable(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A status code and the body as text. */
	record Response(int status, String body) {
	}

}
