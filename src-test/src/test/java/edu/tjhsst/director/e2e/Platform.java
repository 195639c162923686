package edu.tjhsst.director.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.testing.Await;

/**
 * The whole platform started by the README's run command ({@code ./director up}) on ports, a data directory
 * and Swarm names of its own, so that it never collides with a platform a developer is running.
 */
final class Platform implements AutoCloseable {

	private static final Pattern PASSWORD = Pattern.compile("Password:\\s+(\\S+)");

	final Path data;

	final int portalPort;

	final int sitesPort;

	final int appserverPort;

	final int orchestratorPort;

	final int routerApiPort;

	final int shellPort;

	final int shellApiPort;

	/** The port of the embedded PostgreSQL that holds sites' databases. */
	final int siteDatabasePort;

	/** What sites' database and user names start with, so that runs sharing a database server never collide. */
	final String siteDatabasePrefix;

	final String appserverService;

	final String network;

	final Duration startup;

	final String adminPassword;

	private final Process process;

	private final Path root = repositoryRoot();

	private final Map<String, String> settings = new java.util.HashMap<>();

	private final List<String> output = new CopyOnWriteArrayList<>();

	/** A first start on an empty data directory. */
	Platform() throws Exception {
		this(null, Map.of());
	}

	/** A start on the data directory, ports and names of an earlier, stopped platform; or a first start. */
	Platform(Platform previous) throws Exception {
		this(previous, Map.of());
	}

	/** A first start with some settings of the run command's own (environment variables) besides the test's. */
	Platform(Map<String, String> extra) throws Exception {
		this(null, extra);
	}

	private Platform(Platform previous, Map<String, String> extra) throws Exception {
		String tag = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		appserverService = previous != null ? previous.appserverService : tag + "-nginx";
		network = previous != null ? previous.network : tag + "-sites";
		data = previous != null ? previous.data : Files.createTempDirectory("director-e2e");
		portalPort = previous != null ? previous.portalPort : freePort();
		sitesPort = previous != null ? previous.sitesPort : freePort();
		appserverPort = previous != null ? previous.appserverPort : freePort();
		orchestratorPort = previous != null ? previous.orchestratorPort : freePort();
		routerApiPort = previous != null ? previous.routerApiPort : freePort();
		shellPort = previous != null ? previous.shellPort : freePort();
		shellApiPort = previous != null ? previous.shellApiPort : freePort();
		siteDatabasePort = previous != null ? previous.siteDatabasePort : freePort();
		siteDatabasePrefix = previous != null ? previous.siteDatabasePrefix : tag + "_";
		ProcessBuilder builder = new ProcessBuilder(root.resolve("director").toString(), "up")
			.directory(root.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = settings;
		env.put("DIRECTOR_DATA", data.toString());
		env.put("DIRECTOR_MANAGER_PORT", Integer.toString(portalPort));
		env.put("DIRECTOR_SITES_PORT", Integer.toString(sitesPort));
		env.put("DIRECTOR_APPSERVER_PORT", Integer.toString(appserverPort));
		env.put("DIRECTOR_ORCHESTRATOR_PORT", Integer.toString(orchestratorPort));
		env.put("DIRECTOR_ROUTER_API_PORT", Integer.toString(routerApiPort));
		env.put("DIRECTOR_SHELL_PORT", Integer.toString(shellPort));
		env.put("DIRECTOR_SHELL_API_PORT", Integer.toString(shellApiPort));
		env.put("DIRECTOR_APPSERVER_SERVICE", appserverService);
		env.put("DIRECTOR_SITES_NETWORK", network);
		env.put("DIRECTOR_SITE_DATABASE_PORT", Integer.toString(siteDatabasePort));
		env.put("DIRECTOR_SITE_DATABASE_PREFIX", siteDatabasePrefix);
		// Sites' files on a real sites' volume, as on a school's machine, only smaller.
		env.put("DIRECTOR_SITES_VOLUME_SIZE", "2GB");
		env.putAll(previous != null ? previous.settings : extra);
		builder.environment().putAll(settings);
		Instant started = Instant.now();
		process = builder.start();
		String password = null;
		BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
				Matcher matcher = PASSWORD.matcher(line);
				if (matcher.find()) {
					password = matcher.group(1);
				}
				if (line.contains("Press Ctrl-C to stop")) {
					break;
				}
			}
			if (line == null || (previous == null && password == null)) {
				throw new IllegalStateException("./director up did not come up:\n" + String.join("\n", output) + logs());
			}
		}
		catch (Exception ex) {
			// A half-started platform must not outlive the test that started it.
			close();
			throw ex;
		}
		startup = Duration.between(started, Instant.now());
		adminPassword = previous != null ? previous.adminPassword : password;
		Thread drain = new Thread(() -> reader.lines().forEach(output::add), "director-output");
		drain.setDaemon(true);
		drain.start();
	}

	String portal() {
		return "http://localhost:" + portalPort;
	}

	String siteUrl(String name) {
		return "http://" + name + ".sites.localhost:" + sitesPort + "/";
	}

	List<String> output() {
		return List.copyOf(output);
	}

	/** Stops the platform with the README's stop command and returns the run command's exit code. */
	int stop() throws InterruptedException, IOException {
		ProcessBuilder down = new ProcessBuilder(root.resolve("director").toString(), "down").directory(root.toFile())
			.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		down.environment().putAll(settings);
		down.start().waitFor(90, TimeUnit.SECONDS);
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("./director up did not stop within 90 s");
		}
		return process.exitValue();
	}

	@Override
	public void close() throws Exception {
		if (process.isAlive()) {
			stop();
		}
		// Belt and braces for a failed run: nothing of this test may outlive it.
		run("/usr/bin/docker", "service", "rm", appserverService);
		// Each site's own network is named after the sites network and labelled with it. The engine keeps a removed
		// Nginx's load-balancer endpoint on each network it was attached to, which blocks "rm" until it is dropped.
		// A site's service and terminal still on its network would keep it, so they go first.
		String label = "label=director.sites-network=" + network;
		for (String site : output("/usr/bin/docker", "network", "ls", "--format",
				"{{.Name}} {{.Label \"director.site\"}}", "--filter", label).split("\n")) {
			String[] parts = site.strip().split(" ");
			if (parts.length == 2 && parts[1].matches("[0-9]+")) {
				run("/usr/bin/docker", "service", "rm", "site_" + parts[1]);
				run("/usr/bin/docker", "rm", "-f", "site_" + parts[1] + "_terminal");
			}
		}
		for (String site : output("/usr/bin/docker", "network", "ls", "--format", "{{.Name}}", "--filter", label)
			.split("\\s+")) {
			if (!site.isBlank()) {
				awaitNoContainers(site);
				run("/usr/bin/docker", "network", "disconnect", "-f", site, site + "-endpoint");
				run("/usr/bin/docker", "network", "rm", site);
			}
		}
		run("/usr/bin/docker", "network", "prune", "-f", "--filter", label);
		run("/usr/bin/docker", "network", "rm", network);
		// The sites' volume stays mounted when a platform stops, as sites go on being served; a test's goes now
		// (lazily, should a container still hold it), and its file with it. The logs stay for a failure's reader.
		run("umount", "-l", data.resolve("sites").toString());
		Files.deleteIfExists(data.resolve("sites.btrfs"));
	}

	/** Waits up to 20 s for removed services' containers to leave the network; if they stay, it goes by force. */
	private static void awaitNoContainers(String network) {
		try {
			Await.value("the containers of removed sites to leave " + network, Duration.ofSeconds(20),
					() -> containersOn(network), containers -> !containers.matches(".*site_[0-9]+\\.[0-9].*"));
		}
		catch (AssertionError ex) {
			System.err.println(ex.getMessage() + "; removing it by force");
		}
	}

	/** The names of the containers on the network; none once it is gone. */
	private static String containersOn(String network) throws IOException, InterruptedException {
		try {
			return output("/usr/bin/docker", "network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{end}}",
					network).strip();
		}
		catch (IllegalStateException ex) {
			return "";
		}
	}

	static int run(String... command) throws IOException, InterruptedException {
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return child.waitFor();
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
		java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(bridge.isEmpty() ? "docker0" : bridge);
		if (nic == null) {
			throw new IllegalStateException("no Docker bridge interface " + bridge);
		}
		return java.util.Collections.list(nic.getInetAddresses()).stream()
			.filter(java.net.Inet4Address.class::isInstance)
			.map(java.net.InetAddress::getHostAddress)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the Docker bridge " + bridge + " has no IPv4 address"));
	}

	private static String output(String... command) throws IOException, InterruptedException {
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (child.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + ": " + text);
		}
		return text;
	}

	private String logs() {
		StringBuilder text = new StringBuilder();
		for (String name : List.of("build", "orchestrator", "router", "manager")) {
			Path log = data.resolve("logs").resolve(name + ".log");
			try {
				if (Files.exists(log)) {
					List<String> lines = Files.readAllLines(log);
					text.append("\n--- ").append(name).append(".log (last 40 lines)\n")
						.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
				}
			}
			catch (IOException ex) {
				text.append("\n(cannot read ").append(log).append(")");
			}
		}
		return text.toString();
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("director"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("cannot find the repository's ./director");
		}
		return dir;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
