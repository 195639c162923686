package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An Nginx process on this machine, run in the foreground as a child of this component. */
public final class LocalNginx implements NginxControl, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalNginx.class);

	private final String binary;

	private final Path prefix;

	private Process process;

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
		Result result = run(List.of(binary, "-t", "-q", "-p", prefix + "/", "-c", mainConfig, "-e", prefix + "/error.log"));
		if (result.exitCode() != 0) {
			throw new NginxRejectedException(NginxMessages.clean(result.output()));
		}
	}

	/** Starts Nginx with the main config in the prefix directory. */
	public synchronized void start() {
		if (process != null && process.isAlive()) {
			return;
		}
		try {
			process = new ProcessBuilder(binary, "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
					"-e", prefix + "/error.log", "-g", "daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("nginx.out").toFile())
				.start();
			if (process.waitFor(300, TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("nginx exited at once with code " + process.exitValue()
						+ "; see " + prefix.resolve("error.log"));
			}
			log.info("nginx started, pid {}", process.pid());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + binary + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting nginx", ex);
		}
	}

	@Override
	public synchronized void reload() {
		if (process == null || !process.isAlive()) {
			throw new IllegalStateException("nginx is not running");
		}
		Set<Long> oldWorkers = workers();
		Result result = run(List.of("kill", "-HUP", Long.toString(process.pid())));
		if (result.exitCode() != 0) {
			throw new IllegalStateException("cannot signal nginx: " + result.output());
		}
		// Nginx reloads asynchronously: old workers go on answering until they notice they should quit. Waiting
		// for new workers and for the old ones to leave makes "reloaded" mean what callers expect. A long
		// request may keep an old worker busy; past a few seconds we stop waiting for it.
		long started = System.nanoTime();
		boolean fresh = false;
		while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
			Set<Long> now = workers();
			fresh = fresh || now.stream().anyMatch(pid -> !oldWorkers.contains(pid));
			if (fresh && now.stream().noneMatch(oldWorkers::contains)) {
				return;
			}
			pause(10);
		}
		if (!fresh) {
			throw new IllegalStateException("nginx did not start new workers after a reload; see "
					+ prefix.resolve("error.log"));
		}
	}

	private Set<Long> workers() {
		return process.toHandle().children().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reloading nginx", ex);
		}
	}

	@Override
	public synchronized void close() {
		if (process == null) {
			return;
		}
		run(List.of("kill", "-QUIT", Long.toString(process.pid())));
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		process = null;
		log.info("nginx stopped");
	}

	private static Result run(List<String> command) {
		try {
			Process child = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
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
