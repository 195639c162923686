package edu.tjhsst.director.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import edu.tjhsst.director.common.site.SiteUsers;

/**
 * The whole platform started by the README's run command ({@code ./director up}), or deployed as the Swarm stack
 * ({@code ./director stack up}), on ports, a data directory and Swarm names of its own, so that it never collides
 * with a platform a developer is running.
 */
final class Platform implements AutoCloseable {

	private static final Pattern PASSWORD = Pattern.compile("Password:\\s+(\\S+)");

	final Path data;

	final int portalPort;

	final int sitesPort;

	/** The router's HTTPS front door, for sites with a certificate. */
	final int httpsPort;

	final int appserverPort;

	final int orchestratorPort;

	final int routerApiPort;

	final int shellPort;

	final int shellApiPort;

	/** The port of the embedded PostgreSQL that holds sites' databases. */
	final int siteDatabasePort;

	/** What sites' database and user names start with, so that runs sharing a database server never collide. */
	final String siteDatabasePrefix;

	/** The prefix of its sites' services, terminals and images ({@code DIRECTOR_PLATFORM}). */
	final String prefix;

	final String appserverService;

	final String network;

	final Duration startup;

	final String adminPassword;

	/** Whether it runs as the Swarm stack, which outlives the command that deployed it. */
	final boolean stack;

	private final Process process;

	private final Path root = repositoryRoot();

	private final Map<String, String> settings = new java.util.HashMap<>();

	private final List<String> output = new CopyOnWriteArrayList<>();

	private volatile boolean stopped;

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

	/** A first start as the Swarm stack, with some settings of the run command's own besides the test's. */
	static Platform stack(Map<String, String> extra) throws Exception {
		return new Platform(null, Files.createTempDirectory("director-e2e"), extra, true);
	}

	/**
	 * A start on the ports and names of an earlier, stopped platform, with another data directory (one that
	 * {@code ./director restore} filled): what a school's restored machine runs.
	 */
	Platform(Platform previous, Path data) throws Exception {
		this(previous, data, Map.of());
	}

	private Platform(Platform previous, Map<String, String> extra) throws Exception {
		this(previous, previous != null ? previous.data : Files.createTempDirectory("director-e2e"), extra);
	}

	private Platform(Platform previous, Path data, Map<String, String> extra) throws Exception {
		this(previous, data, extra, previous != null && previous.stack);
	}

	private Platform(Platform previous, Path data, Map<String, String> extra, boolean stack) throws Exception {
		this.stack = stack;
		String tag = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		appserverService = previous != null ? previous.appserverService : tag + "-nginx";
		network = previous != null ? previous.network : tag + "-sites";
		this.data = data;
		portalPort = previous != null ? previous.portalPort : Host.freePort();
		// A journey may choose the sites' port itself: a CA it starts first validates names on it.
		sitesPort = previous != null ? previous.sitesPort
				: Integer.parseInt(extra.getOrDefault("DIRECTOR_SITES_PORT", Integer.toString(Host.freePort())));
		httpsPort = previous != null ? previous.httpsPort : Host.freePort();
		// The two appserver services take this port and the next.
		appserverPort = previous != null ? previous.appserverPort : Host.freePortPair();
		orchestratorPort = previous != null ? previous.orchestratorPort : Host.freePort();
		routerApiPort = previous != null ? previous.routerApiPort : Host.freePort();
		shellPort = previous != null ? previous.shellPort : Host.freePort();
		shellApiPort = previous != null ? previous.shellApiPort : Host.freePort();
		siteDatabasePort = previous != null ? previous.siteDatabasePort : Host.freePort();
		siteDatabasePrefix = previous != null ? previous.siteDatabasePrefix : tag + "_";
		prefix = previous != null ? previous.prefix : tag;
		List<String> command = stack ? List.of("stack", "up") : List.of("up");
		ProcessBuilder builder = new ProcessBuilder(runCommand(command))
			.directory(root.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = settings;
		env.put("DIRECTOR_DATA", data.toString());
		env.put("DIRECTOR_MANAGER_PORT", Integer.toString(portalPort));
		env.put("DIRECTOR_SITES_PORT", Integer.toString(sitesPort));
		env.put("DIRECTOR_ROUTER_HTTPS_PORT", Integer.toString(httpsPort));
		env.put("DIRECTOR_APPSERVER_PORTS", appserverPort + "," + (appserverPort + 1));
		env.put("DIRECTOR_ORCHESTRATOR_PORT", Integer.toString(orchestratorPort));
		env.put("DIRECTOR_ROUTER_API_PORT", Integer.toString(routerApiPort));
		env.put("DIRECTOR_SHELL_PORT", Integer.toString(shellPort));
		env.put("DIRECTOR_SHELL_API_PORT", Integer.toString(shellApiPort));
		env.put("DIRECTOR_APPSERVER_SERVICE", appserverService);
		env.put("DIRECTOR_SITES_NETWORK", network);
		// Its sites' services, terminals and images carry its own prefix: a platform on the same engine keeps its own.
		env.put("DIRECTOR_PLATFORM", prefix);
		env.put("DIRECTOR_SITE_DATABASE_PORT", Integer.toString(siteDatabasePort));
		env.put("DIRECTOR_SITE_DATABASE_PREFIX", siteDatabasePrefix);
		// Sites' files on a real sites' volume, as on a school's machine, only smaller.
		env.put("DIRECTOR_SITES_VOLUME_SIZE", "2GB");
		env.putAll(previous != null ? previous.settings : extra);
		env.put("DIRECTOR_DATA", data.toString());
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
			// The stack's command ends once the stack is up, having printed where to log in.
			boolean up = stack ? process.waitFor() == 0 : line != null;
			if (!up || (previous == null && password == null)) {
				throw new IllegalStateException("./director " + String.join(" ", command) + " did not come up:\n"
						+ String.join("\n", output) + logs());
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

	/** Whether the component's own health URL answers 200. */
	boolean answers(String component) {
		int port = switch (component) {
			case "orchestrator" -> orchestratorPort;
			case "router" -> routerApiPort;
			case "manager" -> portalPort;
			default -> shellApiPort;
		};
		String path = component.equals("manager") ? "/actuator/health" : "/health";
		try {
			return Http.get(port, "127.0.0.1", path).status() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The project's directory, where ./director is. */
	Path root() {
		return root;
	}

	String portal() {
		return "http://localhost:" + portalPort;
	}

	String siteUrl(String name) {
		return "http://" + name + ".sites.localhost:" + sitesPort + "/";
	}

	/**
	 * Writes files into a site's folder as its owner would through SFTP: owned by the site's user, and a script
	 * ({@code *.sh}, such as {@code run.sh}) executable.
	 */
	void writeSiteFiles(long id, Map<String, String> files) throws IOException, InterruptedException {
		Path site = data.resolve("sites").resolve(Long.toString(id));
		String owner = SiteUsers.uid(id) + ":" + SiteUsers.uid(id);
		for (Map.Entry<String, String> file : files.entrySet()) {
			Path path = site.resolve(file.getKey());
			Files.writeString(path, file.getValue());
			if (file.getKey().endsWith(".sh")) {
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			if (Host.run("chown", owner, path.toString()) != 0) {
				throw new IllegalStateException("cannot give " + path + " to the site's user " + owner);
			}
		}
	}

	/** The files a site's folder holds under a path, as its owner sees them. */
	List<Path> siteFiles(long id, String path) throws IOException {
		Path folder = data.resolve("sites").resolve(Long.toString(id)).resolve(path);
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	List<String> output() {
		return List.copyOf(output);
	}

	/** What one of the run command's other verbs ({@code backup}, {@code restore}) printed, and its exit code. */
	record Command(int exitCode, String output) {
	}

	/** Runs {@code ./director <arguments>} with this platform's settings and another data directory, to its end. */
	Command command(Path dataDirectory, String... arguments) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(runCommand(List.of(arguments))).directory(root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(settings);
		builder.environment().put("DIRECTOR_DATA", dataDirectory.toString());
		Process child = builder.start();
		String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Command(child.waitFor(), text);
	}

	/**
	 * Stops the platform with the README's stop command and returns the run command's exit code (of
	 * {@code ./director stack up}, which ended once the stack was up, for the stack).
	 */
	int stop() throws InterruptedException, IOException {
		ProcessBuilder down = new ProcessBuilder(runCommand(List.of("down"))).directory(root.toFile())
			.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		down.environment().putAll(settings);
		down.start().waitFor(150, TimeUnit.SECONDS);
		stopped = true;
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("./director up did not stop within 90 s");
		}
		return process.exitValue();
	}

	/** The name of a site's Swarm service, which is also its process's host name on the site's own network. */
	String siteService(long siteId) {
		return prefix + "_site_" + siteId;
	}

	@Override
	public void close() throws Exception {
		if (!stopped) {
			stop();
		}
		// Belt and braces for a failed run: nothing of this test may outlive it.
		SwarmLeftovers.remove(appserverService, network, prefix);
		// The sites' volume stays mounted when a platform stops, as sites go on being served; a test's goes now
		// (lazily, should a container still hold it), and its file with it. The logs stay for a failure's reader.
		Host.run("umount", "-l", data.resolve("sites").toString());
		Files.deleteIfExists(data.resolve("sites.btrfs"));
	}

	/** The last lines a site's process wrote (its service's log), for a failure's message. */
	String siteLog(long siteId) {
		try {
			return Host.output("timeout", "20", "/usr/bin/docker", "service", "logs", "--tail", "40", siteService(siteId));
		}
		catch (IOException | InterruptedException | IllegalStateException ex) {
			return "(cannot read the log of site " + siteId + ": " + ex.getMessage() + ")";
		}
	}

	/** The last lines of each component's log, for a failure's message. */
	String logs() {
		StringBuilder text = new StringBuilder();
		if (stack) {
			// The stack's components log to Docker.
			for (String name : List.of("orchestrator", "router", "manager", "shell")) {
				try {
					text.append("\n--- docker service logs ").append(prefix).append('_').append(name)
						.append(" (last 40 lines)\n").append(Host.output("timeout", "20", "/usr/bin/docker", "service", "logs",
								"--tail", "40", prefix + "_" + name));
				}
				catch (IOException | InterruptedException | IllegalStateException ex) {
					text.append("\n(cannot read the logs of ").append(prefix).append('_').append(name).append(")");
				}
			}
		}
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

	private List<String> runCommand(List<String> arguments) {
		List<String> line = new java.util.ArrayList<>(List.of(root.resolve("director").toString()));
		line.addAll(arguments);
		return line;
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

}
