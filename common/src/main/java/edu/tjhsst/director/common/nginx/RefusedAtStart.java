package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, before Nginx serves: finds the site files Nginx refuses the configuration for and moves them to
 * {@code rejected/}, where an operator can look at them, so that one file (two sites that claim one host name in a
 * map, say, each fine alone) never keeps Nginx from starting.
 * <p>
 * One test when Nginx accepts every file, which is the usual start. Otherwise every live file is treated as a change
 * from nothing, and the {@link ChangeTrial} of a batch finds the culprits: the file Nginx's message names, or halves
 * when it names none (a certificate that cannot be loaded is reported by its own path). The trial takes files out of
 * the live folder while it works, so a copy of each is written to {@code kept-at-start/} first: a start cut short
 * (the process killed, the app server's container gone) puts them back at the next start, and no site is lost.
 */
final class RefusedAtStart {

	private static final Logger log = LoggerFactory.getLogger(RefusedAtStart.class);

	/** The most site files set aside at one start; more means the main config or a template is to blame. */
	static final int MOST = 20;

	private final LiveFiles files;

	private final ChangeTrial trial;

	private final NginxControl nginx;

	private final String mainConfig;

	private final Path rejected;

	private final Path kept;

	RefusedAtStart(LiveFiles files, ChangeTrial trial, NginxControl nginx, String mainConfig, Path rejected,
			Path kept) {
		this.files = files;
		this.trial = trial;
		this.nginx = nginx;
		this.mainConfig = mainConfig;
		this.rejected = rejected;
		this.kept = kept;
	}

	/**
	 * @return the names of the files moved aside
	 * @throws NginxRejectedException when Nginx refuses the configuration without any site file; every file stays
	 * @throws IllegalStateException when it refuses more than {@link #MOST}: every file stays, and start-up stops
	 *         rather than moving thousands of sites aside for what a template did
	 */
	List<String> setAside() {
		restoreKept();
		try {
			nginx.test(mainConfig);
			return List.of();
		}
		catch (NginxRejectedException ex) {
			log.warn("nginx refuses the kept configuration; finding the site files to blame: {}", ex.getMessage());
		}
		Map<String, PendingChange> all = new LinkedHashMap<>();
		for (String name : files.names()) {
			PendingChange change = new PendingChange();
			change.want(files.read(name), List.of(), 0);
			all.put(name, change);
			copy(kept, name, change.wanted().get());
		}
		Map<String, NginxRejectedException> refused;
		try {
			refused = trial.run(all, MOST);
		}
		catch (RuntimeException ex) {
			putBack(all);
			throw ex;
		}
		if (refused.size() > MOST) {
			putBack(all);
			throw new IllegalStateException("nginx refuses more than " + MOST + " site files (such as "
					+ List.copyOf(refused.keySet()).subList(0, 3) + "); the main config or a template is to blame: "
					+ refused.values().iterator().next().getMessage());
		}
		// The trial took them out of the live folder, as changes from nothing that Nginx refused.
		refused.forEach((name, reason) -> {
			copy(rejected, name, all.get(name).wanted().get());
			log.warn("moved {} to {}: {}", name, rejected, reason.getMessage());
		});
		delete(kept);
		return List.copyOf(refused.keySet());
	}

	/** Moves one live file aside for a reason of the caller's (a route file that cannot be read back, say). */
	void setAside(String name, String reason) {
		Optional<String> content = files.read(name);
		if (content.isPresent()) {
			copy(rejected, name, content.get());
			files.delete(name);
			log.warn("moved {} to {}: {}", name, rejected, reason);
		}
	}

	/** Every file back as it was found, and the copies gone. */
	private void putBack(Map<String, PendingChange> all) {
		all.forEach((name, change) -> files.put(name, change.wanted()));
		delete(kept);
	}

	/** The files a start cut short during its trial left copies of go back into the live folder. */
	private void restoreKept() {
		if (!Files.isDirectory(kept)) {
			return;
		}
		try (Stream<Path> copies = Files.list(kept)) {
			for (Path copy : copies.toList()) {
				String name = copy.getFileName().toString();
				// Not a temporary file of a copy cut short: the whole copy went before the trial began.
				if (files.isSiteFileName(name)) {
					files.put(name, Optional.of(Files.readString(copy)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot restore the site files kept in " + kept, ex);
		}
		log.warn("put back the site files a start cut short had taken out for its test, from {}", kept);
		delete(kept);
	}

	/** Writes the file's content into the folder, made if missing, in place of any file of that name there. */
	private void copy(Path folder, String name, String content) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + folder, ex);
		}
		LiveFiles.writeAtomically(folder.resolve(files.path(name).getFileName()), content);
	}

	/** Removes the folder of copies, which holds files alone. */
	private static void delete(Path folder) {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> copies = Files.list(folder)) {
			for (Path copy : copies.toList()) {
				Files.delete(copy);
			}
			Files.delete(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + folder, ex);
		}
	}

}
