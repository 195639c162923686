package edu.tjhsst.director.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real ACME CA for tests: Debian's Pebble, on free loopback ports, validating HTTP-01 challenges on the given HTTP
 * port of whatever address the given DNS server names. Its own HTTPS uses a certificate made here for 127.0.0.1
 * ({@link #caFile()}, which a client must trust); what it issues chains to a root made anew on every start
 * ({@link #issuedRoot()}). Authorizations are never reused, so every order is validated again.
 */
public final class PebbleCa implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/bin/pebble");

	private static final Duration START = Duration.ofSeconds(20);

	private final Path directory;

	private final int port;

	private final int managementPort;

	private final Process process;

	private PebbleCa(Path directory, int port, int managementPort, Process process) {
		this.directory = directory;
		this.port = port;
		this.managementPort = managementPort;
		this.process = process;
	}

	/**
	 * Starts a CA.
	 * @param httpPort the port its HTTP-01 validation connects to (the router's front door)
	 * @param resolver the DNS server ({@code host:port}) it looks names up in
	 * @param validity how long the certificates it issues live
	 */
	public static PebbleCa start(int httpPort, String resolver, Duration validity) throws IOException {
		assertThat(Files.isExecutable(BINARY))
			.as("%s is missing: install Debian's pebble package (./director test does)", BINARY).isTrue();
		Path directory = Files.createTempDirectory("pebble-");
		SelfSignedCertificates.write(directory, "listener", "ip:127.0.0.1,dns:localhost");
		// The manager may run as an unprivileged user (./director up), which must read the CA's certificate.
		Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(directory.resolve("listener.pem"),
				java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		int port = freePort();
		int managementPort = freePort();
		Map<String, Object> config = Map.of("pebble", Map.of("listenAddress", "127.0.0.1:" + port,
				"managementListenAddress", "127.0.0.1:" + managementPort,
				"certificate", directory.resolve("listener.pem").toString(),
				"privateKey", directory.resolve("listener.key").toString(), "httpPort", httpPort, "tlsPort", freePort(),
				"ocspResponderURL", "", "externalAccountBindingRequired", false,
				"certificateValidityPeriod", validity.toSeconds()));
		new ObjectMapper().writeValue(directory.resolve("config.json").toFile(), config);
		ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-config",
				directory.resolve("config.json").toString(), "-dnsserver", resolver)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("pebble.log").toFile());
		builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
		builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
		builder.environment().put("PEBBLE_AUTHZREUSE", "0");
		Process process = builder.start();
		PebbleCa ca = new PebbleCa(directory, port, managementPort, process);
		Await.until("Pebble to listen (its log: " + directory.resolve("pebble.log") + ")", START,
				() -> !process.isAlive() || (listening(port) && listening(managementPort)));
		assertThat(process.isAlive()).as("Pebble ended; its log: %s", ca.log()).isTrue();
		return ca;
	}

	/** The ACME directory URL, as DIRECTOR_ACME_DIRECTORY is written. */
	public String directoryUrl() {
		return "https://127.0.0.1:" + port + "/dir";
	}

	/** The PEM certificate of the CA's own HTTPS, as DIRECTOR_ACME_CA_FILE is written. */
	public Path caFile() {
		return directory.resolve("listener.pem");
	}

	/** The PEM root that the certificates this CA issues chain to, for a client that checks them. */
	public String issuedRoot() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().sslContext(trusting(caFile())).build();
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(
				URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("Pebble's root: %s", response.body()).isEqualTo(200);
		return response.body();
	}

	/** What the CA wrote so far, for an assertion's message. */
	public String log() throws IOException {
		return Files.readString(directory.resolve("pebble.log"));
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** An SSL context trusting only the certificates in the PEM file. */
	public static SSLContext trusting(Path pemFile) {
		try (InputStream in = Files.newInputStream(pemFile)) {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int n = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("trusted-" + n++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new AssertionError("cannot trust " + pemFile, ex);
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
