package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Nginx process on this machine, run in the foreground as a child of this component. Start-up and reloads
 * return only once Nginx really serves with the new configuration, and failures carry Nginx's own words.
 * <p>
 * The main config must be {@code <prefix>/nginx.conf} and set {@code pid <prefix>/nginx.pid;}: Nginx writes the
 * pid file only after binding its ports, and the file finds an Nginx left running by a component that was killed.
 * Such an Nginx is adopted, not stopped: it went on serving while its component was down, and a reload hands it
 * the new configuration without a moment in which nothing listens.
 */
public final class LocalNginx implements NginxControl, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalNginx.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration OLD_WORKERS_GRACE = Duration.ofSeconds(5);

	private final String binary;

	private final Path prefix;

	/** The master process, started here or adopted; null when none runs. */
	private ProcessHandle master;

	/**
	 * @param binary the nginx executable
	 * @param prefix the directory that holds {@code nginx.conf} and where Nginx keeps its temp files and logs
	 */
	public LocalNginx(String binary, Path prefix) {
		this.binary = binary;
		this.prefix = prefix;
	}

	@Override
	public void test(String mainConfig) {
		Result result = run(List.of(binary, "-t", "-q", "-p", prefix + "/", "-c", mainConfig, "-e", errorLog().toString()));
		if (result.exitCode() != 0) {
			throw new NginxRejectedException(NginxMessages.clean(result.output()));
		}
	}

	/**
	 * Starts Nginx with the main config in the prefix directory and returns once it listens; an Nginx of this prefix
	 * left running by an earlier run is adopted and reloaded instead.
	 */
	public synchronized void start() {
		if (running()) {
			return;
		}
		Optional<ProcessHandle> leftover = master();
		if (leftover.isPresent()) {
			master = leftover.get();
			log.info("adopting nginx pid {}, left running by an earlier run in {}; reloading it", master.pid(), prefix);
			reload();
			return;
		}
		long errorsFrom = size(errorLog());
		Process process;
		try {
			Files.deleteIfExists(pidFile());
			process = new ProcessBuilder(binary, "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
					"-e", errorLog().toString(), "-g", "daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("nginx.out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + binary + ": " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (master().isEmpty()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("nginx did not start: " + errorsSince(errorsFrom));
			}
			pause(20);
		}
		master = process.toHandle();
		log.info("nginx started, pid {}", master.pid());
	}

	/** Whether the Nginx started or adopted here is running. */
	public synchronized boolean running() {
		return master != null && master.isAlive() && master().isPresent();
	}

	/** Reloads and returns once new workers serve the new configuration and the old ones have left. */
	@Override
	public synchronized void reload() {
		if (master == null || !master.isAlive()) {
			throw new IllegalStateException("nginx is not running");
		}
		Set<Long> oldWorkers = workers();
		long errorsFrom = size(errorLog());
		Result result = run(List.of("kill", "-HUP", Long.toString(master.pid())));
		if (result.exitCode() != 0) {
			throw new IllegalStateException("cannot signal nginx: " + result.output());
		}
		// Old workers go on answering until they notice they should quit; a long request may keep one busy,
		// so past a grace period we stop waiting for it.
		long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
		while (oldWorkers.containsAll(workers())) {
			if (!master.isAlive()) {
				throw new IllegalStateException("nginx exited while reloading: " + errorsSince(errorsFrom));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("nginx kept its previous configuration: " + errorsSince(errorsFrom));
			}
			pause(10);
		}
		long graceEnd = System.nanoTime() + OLD_WORKERS_GRACE.toNanos();
		while (workers().stream().anyMatch(oldWorkers::contains) && System.nanoTime() < graceEnd) {
			pause(10);
		}
	}

	/** Stops Nginx gracefully; safe to call more than once. */
	@Override
	public synchronized void close() {
		if (master == null) {
			return;
		}
		run(List.of("kill", "-QUIT", Long.toString(master.pid())));
		try {
			master.onExit().get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			master.destroyForcibly();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			master.destroyForcibly();
		}
		master = null;
		log.info("nginx stopped");
	}

	private Set<Long> workers() {
		return master.children().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	/** The master process named in this prefix's pid file, if it is alive and an Nginx of this prefix. */
	private Optional<ProcessHandle> master() {
		try {
			String text = Files.exists(pidFile()) ? Files.readString(pidFile()).strip() : "";
			if (!text.matches("[0-9]{1,10}")) {
				return Optional.empty();
			}
			return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive).filter(this::isOurs);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** True when the process's command line (which Nginx rewrites to "nginx: master process ...") names this prefix. */
	private boolean isOurs(ProcessHandle candidate) {
		Path cmdline = Path.of("/proc", Long.toString(candidate.pid()), "cmdline");
		try {
			String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
			return text.contains("nginx") && text.contains(prefix + "/");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Nginx's error lines logged since the given offset of the error log. */
	private String errorsSince(long offset) {
		try (InputStream in = Files.newInputStream(errorLog())) {
			in.skipNBytes(Math.min(offset, size(errorLog())));
			String text = NginxMessages.clean(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			if (text.length() > 2000) {
				text = text.substring(text.length() - 2000);
			}
			return text.isEmpty() ? "see " + errorLog() : text;
		}
		catch (IOException ex) {
			return "see " + errorLog();
		}
	}

	private Path pidFile() {
		return prefix.resolve("nginx.pid");
	}

	private Path errorLog() {
		return prefix.resolve("error.log");
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for nginx", ex);
		}
	}

	private static Result run(List<String> command) {
		try {
			Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Result(child.waitFor(), output);
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
	}

	private record Result(int exitCode, String output) {
	}

}
