package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.health.ComponentHealth;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.HostNames;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.common.tls.ChallengeAnswer;

/**
 * Publishes site host names, ACME challenge answers and certificates on the router, and asks the router's front door
 * whether a site answers.
 */
public class RouterClient {

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final int MAX_BODY = 16 * 1024;

	private final SignedClient client;

	private final URI front;

	private final ObjectMapper json;

	RouterClient(SignedClient client, URI front, ObjectMapper json) {
		this.client = client;
		this.front = front;
		this.json = json;
	}

	/**
	 * Makes the router forward exactly these hosts to the site; safe to repeat.
	 * @return what the router had to change, each as a sentence
	 */
	public List<String> publish(Route route) {
		return read(client.put("/routes/" + route.siteId(), route), Convergence.class).changes();
	}

	/**
	 * Makes the router forward exactly these hosts to each of many sites at once (at most
	 * {@link SiteOutcome#MOST_PER_BATCH}), which share its test and reload; safe to repeat.
	 * @return each site's outcome, in the order of the routes
	 */
	public List<SiteOutcome> publishAll(List<Route> routes) {
		SiteOutcome[] outcomes = read(client.put("/routes", routes), SiteOutcome[].class);
		return SiteOutcome.oneEach(routes.stream().map(Route::siteId).toList(), outcomes == null ? null : Arrays.asList(outcomes));
	}

	/**
	 * Makes the router forward nothing to the site; safe to repeat.
	 * @return what the router removed, each as a sentence
	 */
	public List<String> unpublish(long siteId) {
		return read(client.delete("/routes/" + siteId), Convergence.class).changes();
	}

	/** When the router's process started, from its health check (which fails while its Nginx does not serve). */
	public Instant started() {
		return read(client.get("/health"), ComponentHealth.class).started();
	}

	/** The router's metrics in Prometheus's text format, as it counts them. */
	public String metrics() {
		return client.get("/metrics");
	}

	/** The sites the router has a route for. */
	public List<Long> routedIds() {
		return read(client.get("/routes"), SiteIds.class).ids();
	}

	private <T> T read(String answer, Class<T> type) {
		try {
			return json.readValue(answer, type);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException("the router's answer is not a " + type.getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	/** Makes the router answer an ACME server's HTTP-01 request for this token, for any host name. */
	public void publishChallenge(ChallengeAnswer answer) {
		if (!answer.problems().isEmpty()) {
			throw new IllegalArgumentException("not a challenge answer: " + answer.problems());
		}
		client.put("/challenges/" + answer.token(), answer);
	}

	public void withdrawChallenge(String token) {
		if (!ChallengeAnswer.isToken(token)) {
			throw new IllegalArgumentException("not a challenge token");
		}
		client.delete("/challenges/" + token);
	}

	/** Has the router serve this certificate for the host over HTTPS, once it has checked it. */
	public void installCertificate(String host, CertificateInstall certificate) {
		client.put("/certificates/" + requireHost(host), certificate);
	}

	/** The router stops serving the host over HTTPS (and so stops redirecting it there). */
	public void removeCertificate(String host) {
		client.delete("/certificates/" + requireHost(host));
	}

	private static String requireHost(String host) {
		if (!HostNames.isValid(host)) {
			throw new IllegalArgumentException("not a host name: " + host);
		}
		return host;
	}

	/**
	 * The HTTP status a GET of the site's front page gets through the router, or 0 when it does not answer.
	 */
	public int status(String host) {
		return front(host).status();
	}

	/**
	 * What a GET of the site's front page gets through the router: its status, 0 when it does not answer, and the
	 * start of its body. A plain socket lets us name the site in the Host header, which the JDK's HTTP client will
	 * not send.
	 */
	public FrontPage front(String host) {
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
			InputStream in = socket.getInputStream();
			int status = parseStatus(in);
			return new FrontPage(status, status == 0 ? "" : readStart(in));
		}
		catch (IOException ex) {
			return new FrontPage(0, "");
		}
	}

	/** As much of the rest as arrives in time; a slow body does not hide the status already read. */
	private static String readStart(InputStream in) {
		byte[] bytes = new byte[MAX_BODY];
		int length = 0;
		try {
			for (int n; length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) != -1;) {
				length += n;
			}
		}
		catch (IOException ex) {
			// Keep what arrived.
		}
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
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

	/**
	 * The start of a front page's answer.
	 * @param status its HTTP status, or 0 when there was no answer
	 * @param head its headers and the first bytes of its body
	 */
	public record FrontPage(int status, String head) {

		/** Shown by the appserver's Nginx when a dynamic site's process does not answer. */
		private static final String PROCESS_DOWN_TITLE = "<title>This site is not running</title>";

		/** Shown by the appserver's Nginx for a site an administrator disabled. */
		private static final String DISABLED_TITLE = "<title>This site has been disabled</title>";

		/** Whether this is the appserver's page for a site an administrator disabled. */
		public boolean isDisabledPage() {
			return status == 503 && head.contains(DISABLED_TITLE);
		}

		/** Whether this is the appserver's page for a dynamic site whose process is down. */
		public boolean isProcessDownPage() {
			return status >= 502 && status <= 504 && head.contains(PROCESS_DOWN_TITLE);
		}

	}

}
