package edu.tjhsst.director.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.naming.Context;
import javax.naming.directory.InitialDirContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;



/**
 * A real DNS server for the tests: Pebble's challenge test server ({@code pebble-challtestsrv}, from Debian's
 * {@code pebble} package, which {@code ./director test} installs), on 127.0.0.1 with ports of its own. It answers
 * A, AAAA, CNAME and TXT questions with exactly the records set through its HTTP management API (no default
 * addresses) and serves nothing else. Registered as an extension it runs for one test class; {@link #stop()} stops
 * it sooner, for a test of a server that has gone. Shared by the portal's tests of the Domains pages and the journeys, which check
 * domains against it through the manager.
 */
public final class ChallengeDnsServer implements BeforeAllCallback, AfterAllCallback {

	public static final Path BINARY = Path.of("/usr/bin/pebble-challtestsrv");

	private static final Duration START = Duration.ofSeconds(15);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Process process;

	private int dnsPort;

	private int managementPort;

	private Path log;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** Starts the server on free ports; a port taken between choosing and binding it means another try. */
	public void start() throws IOException {
		assertThat(Files.isExecutable(BINARY))
			.as("%s is missing: install Debian's pebble package (./director test does)", BINARY).isTrue();
		log = Files.createTempFile("challtestsrv", ".log");
		for (int attempt = 1; attempt <= 3; attempt++) {
			dnsPort = freeDnsPort();
			managementPort = freeTcpPort();
			// Every challenge server but DNS is switched off, and so are the default answers to A and AAAA questions.
			process = new ProcessBuilder(BINARY.toString(), "-dns01", "127.0.0.1:" + dnsPort, "-management",
					"127.0.0.1:" + managementPort, "-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv4", "",
					"-defaultIPv6", "")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Await.until("pebble-challtestsrv to answer or end (its log: " + log + ")", START,
					() -> !process.isAlive() || answers());
			if (process.isAlive()) {
				return;
			}
		}
		throw new AssertionError("pebble-challtestsrv did not start; its log: " + Files.readString(log));
	}

	/** Stops the server; DNS questions to its port then go unanswered. */
	public void stop() {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(log);
		}
		catch (IOException ex) {
			// A log left in the temporary directory is harmless.
		}
	}

	/** Where the server answers DNS, as DIRECTOR_DNS_RESOLVER is written. */
	public String resolver() {
		return "127.0.0.1:" + dnsPort;
	}

	/** Adds a TXT record to a name; a name may have several. */
	public void addTxt(String name, String value) {
		post("/set-txt", Map.of("host", name + ".", "value", value));
	}

	/** Removes every TXT record of a name. */
	public void clearTxt(String name) {
		post("/clear-txt", Map.of("host", name + "."));
	}

	public void addA(String name, String... addresses) {
		post("/add-a", Map.of("host", name + ".", "addresses", List.of(addresses)));
	}

	/** Removes every A record of a name. */
	public void clearA(String name) {
		post("/clear-a", Map.of("host", name + "."));
	}

	public void addAaaa(String name, String... addresses) {
		post("/add-aaaa", Map.of("host", name + ".", "addresses", List.of(addresses)));
	}

	/** Makes a name an alias; questions about it are answered with the alias and the target's records. */
	public void setCname(String name, String target) {
		post("/set-cname", Map.of("host", name + ".", "target", target + "."));
	}

	/** Every question about the name is answered with SERVFAIL from now on. */
	public void failFor(String name) {
		post("/set-servfail", Map.of("host", name + "."));
	}

	private void post(String path, Map<String, Object> body) {
		try {
			HttpResponse<String> response = send(path, body);
			assertThat(response.statusCode()).as("challtestsrv's answer to %s %s: %s", path, body, response.body())
				.isEqualTo(200);
		}
		catch (IOException ex) {
			throw new AssertionError("challtestsrv did not take " + path + " " + body, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while calling challtestsrv", ex);
		}
	}

	private HttpResponse<String> send(String path, Map<String, Object> body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.timeout(Duration.ofSeconds(5))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Whether both the management API and DNS answer; DNS starts in its own goroutine, so either may be first. */
	private boolean answers() throws Exception {
		if (send("/clear-txt", Map.of("host", "ready.test.")).statusCode() != 200) {
			return false;
		}
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		environment.put(Context.PROVIDER_URL, "dns://127.0.0.1:" + dnsPort);
		environment.put("com.sun.jndi.dns.timeout.initial", "200");
		environment.put("com.sun.jndi.dns.timeout.retries", "1");
		InitialDirContext context = new InitialDirContext(environment);
		try {
			context.getAttributes("ready.test.", new String[] { "TXT" });
			return true;
		}
		finally {
			context.close();
		}
	}

	/** A port free for both UDP and TCP on 127.0.0.1, since the server answers DNS on both. */
	private static int freeDnsPort() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port;
			try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
				port = udp.getLocalPort();
			}
			try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException taken) {
				// Free for UDP only; choose another.
			}
		}
		throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
