package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.NginxMessages;

/**
 * The router's Nginx as a child process: a leftover from a killed run is stopped first, start-up and
 * reloads count only once Nginx really serves, and closing stops it.
 */
final class NginxProcess implements NginxControl, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NginxProcess.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration OLD_WORKERS_GRACE = Duration.ofSeconds(3);

	private final LocalNginx nginx;

	private final Path prefix;

	private volatile boolean started;

	/** @param prefix the prefix directory; its main config must set {@code pid <prefix>/nginx.pid} */
	NginxProcess(String binary, Path prefix) {
		this.nginx = new LocalNginx(binary, prefix);
		this.prefix = prefix;
	}

	@Override
	public void test(String mainConfig) {
		nginx.test(mainConfig);
	}

	/** Starts Nginx with {@code nginx.conf} and returns once it listens, or throws with Nginx's reason. */
	synchronized void start() {
		stopLeftover();
		long errorsFrom = size(errorLog());
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot remove " + pidFile() + ": " + ex.getMessage(), ex);
		}
		started = true;
		nginx.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		// Nginx writes its pid file only after it has bound its ports.
		while (master().isEmpty()) {
			if (System.nanoTime() > deadline) {
				close();
				throw new IllegalStateException("nginx did not start: " + errorsSince(errorsFrom));
			}
			pause();
		}
	}

	/** Reloads and returns once new workers run the new configuration and the old ones are gone or leaving. */
	@Override
	public synchronized void reload() {
		ProcessHandle master = master().orElseThrow(() -> new IllegalStateException("nginx is not running"));
		Set<Long> before = workers(master);
		long errorsFrom = size(errorLog());
		nginx.reload();
		long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
		while (before.containsAll(workers(master))) {
			if (!master.isAlive()) {
				throw new IllegalStateException("nginx exited while reloading: " + errorsSince(errorsFrom));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("nginx kept its previous configuration: " + errorsSince(errorsFrom));
			}
			pause();
		}
		long graceEnd = System.nanoTime() + OLD_WORKERS_GRACE.toNanos();
		while (before.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
				&& System.nanoTime() < graceEnd) {
			pause();
		}
	}

	/** Whether the Nginx started here is running. */
	boolean running() {
		return started && master().isPresent();
	}

	/** Stops Nginx gracefully; safe to call more than once. */
	@Override
	public synchronized void close() {
		if (started) {
			started = false;
			nginx.close();
		}
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

	/** True when the process's command line (rewritten by Nginx to "nginx: master process ...") names this prefix. */
	private boolean isOurs(ProcessHandle process) {
		Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
		if (!Files.isReadable(cmdline)) {
			return true;
		}
		try {
			String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
			return text.contains("nginx") && text.contains(prefix + "/");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** An Nginx of this prefix still running after its JVM was killed would hold the port: stop it. */
	private void stopLeftover() {
		master().ifPresent(leftover -> {
			log.warn("stopping nginx pid {} left running by an earlier run in {}", leftover.pid(), prefix);
			Set<ProcessHandle> children = leftover.children().collect(Collectors.toSet());
			leftover.destroy();
			try {
				leftover.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				leftover.destroyForcibly();
			}
			children.forEach(ProcessHandle::destroyForcibly);
		});
	}

	private static Set<Long> workers(ProcessHandle master) {
		return master.children().map(ProcessHandle::pid).collect(Collectors.toSet());
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

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for nginx", ex);
		}
	}

}
