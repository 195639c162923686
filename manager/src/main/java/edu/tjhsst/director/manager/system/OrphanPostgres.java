package edu.tjhsst.director.manager.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that a killed manager left running on one of its data directories: it holds the directory's
 * lock (and the port), so a new start would wait for it in vain. It is shut down fast (its transactions roll back,
 * nothing committed is lost) before the new start; one that does not stop is killed, which PostgreSQL's crash
 * recovery is made for.
 */
public final class OrphanPostgres {

	private static final Logger log = LoggerFactory.getLogger(OrphanPostgres.class);

	private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);

	private OrphanPostgres() {
	}

	/** Stops the postmaster of this data directory if one runs; returns whether there was one. */
	public static boolean stop(Path dataDirectory) {
		Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
		if (postmaster.isEmpty()) {
			return false;
		}
		ProcessHandle orphan = postmaster.get();
		log.warn("stopping PostgreSQL pid {}, left running on {} by an earlier run", orphan.pid(), dataDirectory);
		signal(orphan, "INT");
		try {
			orphan.onExit().get(FAST_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			log.warn("PostgreSQL pid {} did not stop within {} s; killing it", orphan.pid(), FAST_SHUTDOWN.toSeconds());
			orphan.descendants().forEach(ProcessHandle::destroyForcibly);
			orphan.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while an orphaned PostgreSQL stopped", ex);
		}
		return true;
	}

	/** The live postgres process named by the directory's postmaster.pid, if it is one serving that directory. */
	static Optional<ProcessHandle> postmaster(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		try {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			if (lines.size() < 2 || !lines.get(0).strip().matches("[0-9]{1,10}")) {
				return Optional.empty();
			}
			Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
				.filter(ProcessHandle::isAlive);
			// A pid reused by another program after a reboot must not be signalled: it has to be a postgres whose
			// data directory is this one.
			return process.filter(candidate -> isPostgresOf(candidate, dataDirectory));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgresOf(ProcessHandle candidate, Path dataDirectory) {
		Path cmdline = Path.of("/proc", Long.toString(candidate.pid()), "cmdline");
		try {
			String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
			return text.contains("postgres") && text.contains(dataDirectory.toAbsolutePath().normalize().toString());
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void signal(ProcessHandle process, String name) {
		try {
			new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start()
				.waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			process.destroy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
