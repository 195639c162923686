package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.HostNames;
import edu.tjhsst.director.common.site.Route;

/** Publishes site host names on the router, and asks the router's front door whether a site answers. */
public class RouterClient {

	private static final int TIMEOUT_MILLIS = 5_000;

	private final SignedClient client;

	private final URI front;

	RouterClient(SignedClient client, URI front) {
		this.client = client;
		this.front = front;
	}

	public void publish(Route route) {
		client.put("/routes/" + route.siteId(), route);
	}

	public void unpublish(long siteId) {
		client.delete("/routes/" + siteId);
	}

	/**
	 * The HTTP status a GET of the site's front page gets through the router, or 0 when it does not answer.
	 * A plain socket lets us name the site in the Host header, which the JDK's HTTP client will not send.
	 */
	public int status(String host) {
		if (!HostNames.isValid(host)) {
			throw new IllegalArgumentException("not a host name: " + host);
		}
		int port = front.getPort() > 0 ? front.getPort() : 80;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(front.getHost(), port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: director-manager\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return parseStatus(socket.getInputStream());
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static int parseStatus(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n' && line.length() < 200; c = in.read()) {
			line.append((char) c);
		}
		String[] parts = line.toString().split(" ");
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			return 0;
		}
		try {
			return Integer.parseInt(parts[1]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
