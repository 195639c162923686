package edu.tjhsst.director.e2e;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Stream;

/** This machine as the journeys use it besides the platform: its programs, its free ports and its Docker bridge. */
final class Host {

	private Host() {
	}

	/** Runs a program to its end and returns its exit code; its output is dropped. */
	static int run(String... command) throws IOException, InterruptedException {
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return child.waitFor();
	}

	/** Runs a program to its end and returns what it wrote; a failure is an exception with that text. */
	static String output(String... command) throws IOException, InterruptedException {
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (child.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + ": " + text);
		}
		return text;
	}

	/** Every port handed out in this run: none is handed out twice (see {@link #freePort}). */
	private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Where {@link #freePort} looks: below the kernel's ephemeral ports, and below Swarm's 30000 and up. */
	private static final int LOWEST = 20_000;

	private static final int HIGHEST = 29_999;

	/**
	 * A port nothing listens on, one this run has not handed out before (the kernel may offer the same free port
	 * again while the first one it gave is not bound yet: a platform's SSH server once found its port taken by its
	 * own sites' PostgreSQL, both given 42949), and one outside the kernel's ephemeral range. A component killed in a
	 * journey leaves its port unbound until it is back; an ephemeral port could meanwhile become the local end of
	 * someone's outgoing connection, a browser's reconnecting to that very port among them, and the component come back
	 * to a port it cannot have. A port the kernel never picks by itself cannot be taken that way.
	 */
	static int freePort() {
		int ephemeral = ephemeralStart();
		// A kernel whose ephemeral ports start lower still gets ports from the usual range rather than none.
		int high = ephemeral > LOWEST + 1000 ? Math.min(HIGHEST, ephemeral - 1) : HIGHEST;
		while (true) {
			int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
			if (bindable(port) && HANDED_OUT.add(port)) {
				return port;
			}
		}
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The first of the kernel's ephemeral ports ({@code net.ipv4.ip_local_port_range}); 32768 when unreadable. */
	private static int ephemeralStart() {
		try {
			// Not Files.readString: a /proc file's size is 0, and it read one byte of it ("3").
			String range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
				.get(0);
			return Integer.parseInt(range.strip().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 32_768;
		}
	}

	/** The first of two consecutive free ports, as the two appserver services take. */
	static int freePortPair() {
		while (true) {
			int first = freePort();
			if (bindable(first + 1) && HANDED_OUT.add(first + 1)) {
				return first;
			}
		}
	}

	/**
	 * The Docker bridge's gateway, where site containers reach this machine, found as {@code ./director up} finds it:
	 * Docker 20.10 leaves the default bridge's IPAM gateway empty, and then the bridge interface's address is taken.
	 */
	static String bridgeGateway() throws IOException, InterruptedException {
		String gateway = output("/usr/bin/docker", "network", "inspect", "bridge", "--format",
				"{{range .IPAM.Config}}{{.Gateway}}{{end}}").trim();
		if (!gateway.isEmpty()) {
			return gateway;
		}
		String bridge = output("/usr/bin/docker", "network", "inspect", "bridge", "--format",
				"{{index .Options \"com.docker.network.bridge.name\"}}").trim();
		NetworkInterface nic = NetworkInterface.getByName(bridge.isEmpty() ? "docker0" : bridge);
		if (nic == null) {
			throw new IllegalStateException("no Docker bridge interface " + bridge);
		}
		return Collections.list(nic.getInetAddresses()).stream()
			.filter(Inet4Address.class::isInstance)
			.map(InetAddress::getHostAddress)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the Docker bridge " + bridge + " has no IPv4 address"));
	}

	/** The certificates this machine added to its trust store (/usr/local/share/ca-certificates), if any. */
	static String egressProxyCertificates() throws IOException {
		Path folder = Path.of("/usr/local/share/ca-certificates");
		if (!Files.isDirectory(folder)) {
			return "";
		}
		StringBuilder pem = new StringBuilder();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(file -> file.toString().endsWith(".crt")).sorted().toList()) {
				pem.append(Files.readString(file)).append('\n');
			}
		}
		return pem.toString();
	}

}
