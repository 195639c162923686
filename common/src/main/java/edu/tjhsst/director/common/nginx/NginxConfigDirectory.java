package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live Nginx configuration made of one main file and one file per site, changed one file at a time and tested and
 * reloaded in batches.
 * <p>
 * A change puts its file in place at once; the changes made since the last reload are then tested together, with
 * the whole configuration, right before the one reload they share. A file Nginx refuses goes back to what Nginx last
 * accepted (or away, when it is new) before the reload, and only its callers hear of the refusal, so a broken file
 * never stays live and never stops Nginx from starting again; when Nginx cannot test at all, every change of the
 * batch goes back so. The cost of a change is thus one test and one reload
 * however many changes share them, which is what lets thousands of sites be applied in minutes.
 * <p>
 * Layout: {@code nginx.conf} and {@code sites/}, whose {@code *.conf} files the main config includes (and
 * {@code *.map} files, inside a map, where it has one). {@code nginxDir} is where Nginx sees
 * this directory (a container mount, say).
 */
public final class NginxConfigDirectory implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NginxConfigDirectory.class);

	private final Path dir;

	private final String nginxDir;

	private final NginxControl nginx;

	private final LiveFiles files;

	private final ChangeTrial trial;

	private final ReloadCoalescer reloads;

	/** Serializes changes, tests and reloads, so a test never sees a file that is still being written. */
	private final Object lock = new Object();

	/** The files changed since the last test, by name, in the order they first changed. Guarded by the lock. */
	private final Map<String, PendingChange> pending = new LinkedHashMap<>();

	/** Reloads that succeeded, counted before their callers hear of them. */
	private final AtomicLong reloaded = new AtomicLong();

	/** Set when a reload failed: live files may then be newer than what Nginx serves. */
	private volatile boolean reloadOwed;

	/**
	 * @param dir this directory on the local file system
	 * @param nginxDir the same directory as Nginx sees it
	 * @param reloadDelay the shortest time between two reloads
	 */
	public NginxConfigDirectory(Path dir, String nginxDir, NginxControl nginx, Duration reloadDelay) {
		this.dir = dir;
		this.nginxDir = nginxDir.endsWith("/") ? nginxDir.substring(0, nginxDir.length() - 1) : nginxDir;
		this.nginx = nginx;
		this.files = new LiveFiles(dir.resolve("sites"));
		this.trial = new ChangeTrial(nginx, nginxMainConfig(), nginxSitesDir(), files);
		this.reloads = new ReloadCoalescer(this::testAndReload, reloadDelay);
		try {
			Files.createDirectories(dir.resolve("sites"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dir, ex);
		}
	}

	/** The main config file on the local file system. */
	public Path mainConfig() {
		return dir.resolve("nginx.conf");
	}

	/** The main config file as Nginx sees it. */
	public String nginxMainConfig() {
		return nginxDir + "/nginx.conf";
	}

	/** The directory of per-site files as Nginx sees it, for the main config's include. */
	public String nginxSitesDir() {
		return nginxDir + "/sites";
	}

	/**
	 * Writes the main config without testing it, for start-up before Nginx runs. Its content comes from a
	 * template with operator-supplied values only.
	 */
	public void writeMain(String content) {
		synchronized (lock) {
			LiveFiles.writeAtomically(mainConfig(), content);
		}
	}

	/** The live content of a site file, if there is one. */
	public Optional<String> read(String fileName) {
		return files.read(fileName);
	}

	/** The names of the live site files, in order. */
	public List<String> fileNames() {
		return files.names();
	}

	/** What {@link #apply} with this content would change in the live file. */
	public ConfigChange changeFor(String fileName, String content) {
		Optional<String> live = read(fileName);
		return live.isEmpty() ? ConfigChange.MISSING : live.get().equals(content) ? ConfigChange.NONE
				: ConfigChange.DIFFERENT;
	}

	/**
	 * Puts one site file in place. The future completes when Nginx has reloaded with it, or fails with an
	 * {@link NginxRejectedException} when Nginx refuses it; the file is then back as it was.
	 * @throws IllegalArgumentException when the name is not a site file's
	 */
	public CompletableFuture<Void> apply(String fileName, String content) {
		synchronized (lock) {
			Optional<String> live = files.read(fileName);
			if (live.filter(content::equals).isPresent()) {
				// Already live: it may still wait for its test, or for a reload that failed earlier.
				PendingChange change = pending.get(fileName);
				return change != null ? change.await()
						: reloadOwed ? reloads.request() : CompletableFuture.completedFuture(null);
			}
			files.put(fileName, Optional.of(content));
			log.info("installed {}", fileName);
			return request(fileName, live);
		}
	}

	/** Removes a site file if present; the future completes when Nginx has reloaded without it. */
	public CompletableFuture<Void> remove(String fileName) {
		synchronized (lock) {
			Optional<String> live = files.read(fileName);
			if (live.isEmpty()) {
				PendingChange change = pending.get(fileName);
				return change != null ? change.await() : CompletableFuture.completedFuture(null);
			}
			files.delete(fileName);
			log.info("removed {}", fileName);
			return request(fileName, live);
		}
	}

	/** Asks for a reload, as after Nginx itself was restarted with a changed main config. */
	public CompletableFuture<Void> reload() {
		return reloads.request();
	}

	/** How many reloads this directory has caused. */
	public long reloadCount() {
		return reloaded.get();
	}

	/** Guarded by the lock: the file's change joins the next test and reload. */
	private CompletableFuture<Void> request(String fileName, Optional<String> live) {
		CompletableFuture<Void> done = pending.computeIfAbsent(fileName, name -> new PendingChange(live)).await();
		reloads.request();
		return done;
	}

	/** On the reload thread: tests the changes made since the last time, then reloads with those Nginx accepts. */
	private void testAndReload() {
		synchronized (lock) {
			Map<String, PendingChange> changes = new LinkedHashMap<>(pending);
			pending.clear();
			Map<String, NginxRejectedException> refused;
			try {
				refused = trial.run(changes);
			}
			catch (RuntimeException ex) {
				// Nginx could not test them (it is down, or its own config is broken): no file it has not accepted
				// stays live, where a restart would read it. Their callers hear why and may try again.
				changes.forEach((name, change) -> files.put(name, change.accepted()));
				changes.values().forEach(change -> change.fail(ex));
				throw ex;
			}
			refused.forEach((name, reason) -> changes.remove(name).fail(reason));
			try {
				nginx.reload();
				reloaded.incrementAndGet();
				reloadOwed = false;
			}
			catch (RuntimeException ex) {
				reloadOwed = true;
				changes.values().forEach(change -> change.fail(ex));
				throw ex;
			}
			changes.values().forEach(PendingChange::complete);
		}
	}

	@Override
	public void close() {
		reloads.close();
	}

}
