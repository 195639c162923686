package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, before Nginx serves: finds the site files Nginx refuses the configuration for and moves them to
 * {@code rejected/}, where an operator can look at them, so that one file (two sites that claim one host name in a
 * map, say, each fine alone) never keeps Nginx from starting.
 * <p>
 * Every live file is treated as a change from nothing, and the {@link ChangeTrial} of a batch finds the culprits:
 * one test when Nginx accepts them all, which is the usual start; otherwise the file Nginx's message names, or
 * halves when it names none (a certificate that cannot be loaded is reported by its own path).
 */
final class RefusedAtStart {

	private static final Logger log = LoggerFactory.getLogger(RefusedAtStart.class);

	/** The most site files set aside at one start; more means the main config or a template is to blame. */
	static final int MOST = 20;

	private final LiveFiles files;

	private final ChangeTrial trial;

	private final Path rejected;

	RefusedAtStart(LiveFiles files, ChangeTrial trial, Path rejected) {
		this.files = files;
		this.trial = trial;
		this.rejected = rejected;
	}

	/**
	 * @return the names of the files moved aside
	 * @throws NginxRejectedException when Nginx refuses the configuration without any site file; every file stays
	 * @throws IllegalStateException when it refuses more than {@link #MOST}: every file stays, and start-up stops
	 *         rather than moving thousands of sites aside for what a template did
	 */
	List<String> setAside() {
		Map<String, PendingChange> all = new LinkedHashMap<>();
		for (String name : files.names()) {
			PendingChange change = new PendingChange(Optional.empty());
			change.want(files.read(name), List.of(), 0);
			all.put(name, change);
		}
		Map<String, NginxRejectedException> refused;
		try {
			refused = trial.run(all);
		}
		catch (NginxRejectedException ex) {
			putBack(all, all.keySet());
			throw ex;
		}
		if (refused.size() > MOST) {
			putBack(all, refused.keySet());
			throw new IllegalStateException("nginx refuses " + refused.size() + " site files, more than " + MOST
					+ " (such as " + List.copyOf(refused.keySet()).subList(0, 3) + "); the main config or a template"
					+ " is to blame: " + refused.values().iterator().next().getMessage());
		}
		// The trial took them out of the live folder, as changes from nothing that Nginx refused.
		refused.forEach((name, reason) -> keep(name, all.get(name).wanted().get(), reason.getMessage()));
		return List.copyOf(refused.keySet());
	}

	/** Moves one live file aside for a reason of the caller's (a route file that cannot be read back, say). */
	void setAside(String name, String reason) {
		Optional<String> content = files.read(name);
		if (content.isPresent()) {
			keep(name, content.get(), reason);
			files.delete(name);
		}
	}

	/** Writes the file's content into {@code rejected/}, in place of any file of that name there. */
	private void keep(String name, String content, String reason) {
		try {
			Files.createDirectories(rejected);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + rejected, ex);
		}
		LiveFiles.writeAtomically(rejected.resolve(files.path(name).getFileName()), content);
		log.warn("moved {} to {}: {}", name, rejected, reason);
	}

	private void putBack(Map<String, PendingChange> all, Iterable<String> names) {
		names.forEach(name -> files.put(name, all.get(name).wanted()));
	}

}
