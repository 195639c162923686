package edu.tjhsst.director.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Requests through the router's HTTPS front door as a browser would: to loopback, with the host name in SNI and in
 * the Host header, checking the served certificate against the given trust and the host name.
 */
public final class HttpsFrontDoor {

	private HttpsFrontDoor() {
	}

	/** {@code GET <path>} over TLS; throws {@link javax.net.ssl.SSLException} (unchecked) when the handshake fails. */
	public static Response get(SSLContext trust, int port, String host, String path) {
		try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
				SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true)) {
			socket.setSoTimeout(10_000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setServerNames(List.of(new SNIHostName(host)));
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int bodyStart = text.indexOf("\r\n\r\n");
			return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, bodyStart),
					text.substring(bodyStart + 4), served);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code GET <path>} over plain HTTP with the given Host header. */
	public static RouterTestSupport.FrontDoorResponse getPlain(int port, String host, String path) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int bodyStart = text.indexOf("\r\n\r\n");
			return new RouterTestSupport.FrontDoorResponse(Integer.parseInt(text.substring(9, 12)),
					text.substring(0, bodyStart), text.substring(bodyStart + 4));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the HTTPS front door answered.
	 * @param status the HTTP status
	 * @param head the status line and headers
	 * @param body the body as sent
	 * @param served the leaf certificate the server showed
	 */
	public record Response(int status, String head, String body, X509Certificate served) {
	}

}
