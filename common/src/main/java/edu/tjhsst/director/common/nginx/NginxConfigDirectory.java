package edu.tjhsst.director.common.nginx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live Nginx configuration made of one main file and one file per site, changed one file at a time and tested and
 * reloaded in batches.
 * <p>
 * A change waits in memory; the changes made since the last reload then go live together, are tested with the whole
 * configuration once, and share one reload. A file Nginx refuses goes back to what Nginx last accepted (or away, when
 * it is new) before the reload, and only its callers hear of the refusal; when Nginx cannot test at all, every file of
 * the batch goes back. So a file Nginx has not accepted is live only while it is tested, and a component killed with
 * changes waiting leaves none of them behind (their callers never heard they were done). The cost of a change is one
 * test and one reload however many changes arrive together, and neither asking for one nor reading waits for a test.
 * <p>
 * Layout: {@code nginx.conf} and {@code sites/}, whose {@code *.conf} files the main config includes (and
 * {@code *.map} files, inside a map, where it has one). {@code nginxDir} is where Nginx sees
 * this directory (a container mount, say).
 */
public final class NginxConfigDirectory implements AutoCloseable {

	private final Path dir;

	private final String nginxDir;

	private final NginxControl nginx;

	private final LiveFiles files;

	private final ChangeTrial trial;

	private final ReloadCoalescer reloads;

	private final RefusedAtStart atStart;

	/** Guards what is asked for and accepted; never held through a test, so asking and reading never wait for one. */
	private final Object lock = new Object();

	/** Serializes writing site files, tests and reloads (a test never sees a half-written file); before the lock. */
	private final Object disk = new Object();

	/** The files changed since the last test, by name, in the order they first changed. Guarded by the lock. */
	private final Map<String, PendingChange> pending = new LinkedHashMap<>();

	/**
	 * The batch under test now; none between tests. Guarded by the lock. Only the files it touches are written or
	 * deleted while a test runs: every other file on disk is live as it is, so a reader need not wait for the test.
	 */
	private TakenBatch testing = TakenBatch.NONE;

	/** Counts requests for changes, so that the later of two is known. Guarded by the lock. */
	private long requests;

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
		this.atStart = new RefusedAtStart(files, trial, nginx, nginxMainConfig(), dir.resolve("rejected"),
				dir.resolve("kept-at-start"));
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
		synchronized (disk) {
			LiveFiles.writeAtomically(mainConfig(), content);
		}
	}

	/**
	 * The live content of a site file, if there is one; a change waiting for its test, or under test, is not live yet.
	 * @throws IllegalArgumentException when the name is not a site file's
	 */
	public Optional<String> read(String fileName) {
		synchronized (lock) {
			return live(fileName);
		}
	}

	/** The names of the live site files, in order. */
	public List<String> fileNames() {
		synchronized (lock) {
			TreeSet<String> names = new TreeSet<>(files.names());
			testing.before().forEach((name, content) -> {
				if (content.isPresent()) {
					names.add(name);
				}
				else {
					names.remove(name);
				}
			});
			return List.copyOf(names);
		}
	}

	/** What {@link #apply} with this content would change in the live file. */
	public ConfigChange changeFor(String fileName, String content) {
		Optional<String> live = read(fileName);
		return live.isEmpty() ? ConfigChange.MISSING : live.get().equals(content) ? ConfigChange.NONE
				: ConfigChange.DIFFERENT;
	}

	/**
	 * Asks for one site file to hold this content. It goes live with the next test and reload; the future completes
	 * when Nginx has reloaded with it, or fails with an {@link NginxRejectedException} when Nginx refuses it (the file
	 * is then as it was), or with another exception when Nginx could not test or reload it.
	 * @throws IllegalArgumentException when the name is not a site file's
	 */
	public CompletableFuture<Void> apply(String fileName, String content) {
		return apply(fileName, content, List.of());
	}

	/**
	 * {@link #apply(String, String)}, and once Nginx accepts the file, in the same reload, the other files named go
	 * (a site's file of its previous kind): the old file answers until the new one does, stays when Nginx refuses the
	 * new one, and a later request for either file wins over this one.
	 */
	public CompletableFuture<Void> apply(String fileName, String content, List<String> replaces) {
		replaces.forEach(files::path);
		return change(fileName, Optional.of(content), replaces.stream().filter(name -> !name.equals(fileName))
			.toList());
	}

	/** Asks for a site file to go, if present; the future completes when Nginx has reloaded without it. */
	public CompletableFuture<Void> remove(String fileName) {
		return change(fileName, Optional.empty(), List.of());
	}

	/** Asks for a reload, as after Nginx itself was restarted with a changed main config. */
	public CompletableFuture<Void> reload() {
		return reloads.request();
	}

	/** How many reloads this directory has caused. */
	public long reloadCount() {
		return reloaded.get();
	}

	/**
	 * At start-up, before Nginx serves: moves the site files Nginx refuses the configuration for to {@code rejected/}
	 * ({@link RefusedAtStart}).
	 * @return the names of the files moved aside
	 * @throws NginxRejectedException when Nginx refuses the configuration without any site file
	 * @throws IllegalStateException when it refuses more than a few: a template is to blame, and every file stays
	 */
	public List<String> setAsideRefused() {
		synchronized (disk) {
			synchronized (lock) {
				return atStart.setAside();
			}
		}
	}

	/** At start-up, before Nginx serves: moves one site file to {@code rejected/} for the caller's reason. */
	public void setAside(String fileName, String reason) {
		synchronized (disk) {
			synchronized (lock) {
				atStart.setAside(fileName, reason);
			}
		}
	}

	/**
	 * At start-up, before Nginx serves: writes a site file, or removes it when the content is empty, without a test
	 * (a kept file rendered again, which {@link #setAsideRefused} tests with the rest).
	 */
	public void writeBeforeStart(String fileName, Optional<String> content) {
		synchronized (disk) {
			synchronized (lock) {
				files.put(fileName, content);
			}
		}
	}

	private CompletableFuture<Void> change(String fileName, Optional<String> content, List<String> replaces) {
		files.path(fileName);
		synchronized (lock) {
			PendingChange change = pending.get(fileName);
			// A file under test may yet go back to what was accepted before, and one a change waiting or under test
			// replaces may yet go: asking for it as it is is a change all the same, and a later one.
			boolean unsettled = testing.touches(fileName)
					|| pending.values().stream().anyMatch(other -> other.replaces().contains(fileName));
			Optional<String> current = change != null ? change.wanted() : unsettled ? null : files.read(fileName);
			boolean replacing = replaces.stream()
				.anyMatch(name -> pending.containsKey(name) || testing.touches(name) || live(name).isPresent());
			if (content.equals(current) && !replacing
					&& (change == null || change.replaces().equals(replaces))) {
				// Asked for already: it may still wait for its test, or for a reload that failed earlier.
				return change != null ? change.await()
						: reloadOwed ? reloads.request() : CompletableFuture.completedFuture(null);
			}
			if (change == null) {
				change = new PendingChange();
				pending.put(fileName, change);
			}
			change.want(content, replaces, ++requests);
			CompletableFuture<Void> done = change.await();
			reloads.request();
			return done;
		}
	}

	/**
	 * On the reload thread: puts the changes made since the last time live, tests them, puts back those Nginx
	 * refuses, and reloads. Callers hear of the outcome after both monitors are released, so that what they do next
	 * (change another file, say) never waits on this thread.
	 */
	private void testAndReload() {
		TakenBatch batch;
		Map<String, NginxRejectedException> refused = new HashMap<>();
		RuntimeException failure = null;
		synchronized (disk) {
			synchronized (lock) {
				batch = TakenBatch.take(pending, files);
				pending.clear();
				testing = batch;
			}
			Map<String, PendingChange> changes = batch.changes();
			boolean tested = false;
			try {
				changes.forEach((name, change) -> files.put(name, change.wanted()));
				refused.putAll(trial.run(changes, Integer.MAX_VALUE));
				tested = true;
				trial.retireReplaced(changes, refused.keySet());
				nginx.reload();
				reloaded.incrementAndGet();
				reloadOwed = false;
			}
			catch (RuntimeException | Error ex) {
				failure = ex instanceof RuntimeException runtime ? runtime
						: new IllegalStateException("testing or reloading nginx failed: " + ex, ex);
				// Files Nginx accepted stay when only the reload failed, and removals always do (they cannot break
				// anything): Nginx is owed a reload for them. A written file Nginx has not accepted goes back.
				reloadOwed = true;
				if (!tested) {
					trial.putBackWritten(changes);
				}
			}
			synchronized (lock) {
				testing = TakenBatch.NONE;
			}
		}
		batch.failUnreadable();
		PendingChange.tellOutcomes(batch.changes(), refused, failure);
		if (failure != null) {
			throw failure;
		}
	}

	/** Under the lock: what is live of a file; a file the batch under test touches is as it was before it. */
	private Optional<String> live(String fileName) {
		return testing.touches(fileName) ? testing.before().get(fileName) : files.read(fileName);
	}

	@Override
	public void close() {
		reloads.close();
	}

}
