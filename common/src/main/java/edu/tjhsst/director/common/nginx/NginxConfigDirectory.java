package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live Nginx configuration made of one main file and one file per site, changed one file at a time.
 * <p>
 * A new file is first tested alone inside a minimal wrapper config, then put in place and tested with the
 * whole configuration; if either test fails the previous file is restored (or the new one removed), so a
 * broken file never stays live and never stops Nginx from starting. Changes coalesce into one reload.
 * <p>
 * Layout: {@code nginx.conf} (includes {@code sites/*.conf}), {@code sites/}, and {@code staging/} for
 * candidates and wrappers. {@code nginxDir} is where Nginx sees this directory (a container mount, say).
 */
public final class NginxConfigDirectory implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NginxConfigDirectory.class);

	private static final Pattern FILE_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,80}\\.conf$");

	private final Path dir;

	private final String nginxDir;

	private final NginxControl nginx;

	private final UnaryOperator<String> wrapper;

	private final ReloadCoalescer reloads;

	/** Serializes config changes and reloads, so a reload never sees a file that is still being tested. */
	private final Object lock = new Object();

	/** Set when a reload failed: live files may then be newer than what Nginx serves. */
	private volatile boolean reloadOwed;

	/**
	 * @param dir this directory on the local file system
	 * @param nginxDir the same directory as Nginx sees it
	 * @param wrapper makes a minimal main config that includes only the given file (a path as Nginx sees it)
	 */
	public NginxConfigDirectory(Path dir, String nginxDir, NginxControl nginx, UnaryOperator<String> wrapper,
			Duration reloadDelay) {
		this.dir = dir;
		this.nginxDir = nginxDir.endsWith("/") ? nginxDir.substring(0, nginxDir.length() - 1) : nginxDir;
		this.nginx = nginx;
		this.wrapper = wrapper;
		this.reloads = new ReloadCoalescer(() -> {
			synchronized (lock) {
				try {
					nginx.reload();
					reloadOwed = false;
				}
				catch (RuntimeException ex) {
					reloadOwed = true;
					throw ex;
				}
			}
		}, reloadDelay);
		try {
			Files.createDirectories(dir.resolve("sites"));
			Files.createDirectories(dir.resolve("staging"));
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
			writeAtomically(mainConfig(), content);
		}
	}

	/** The live content of a site file, if there is one. */
	public Optional<String> read(String fileName) {
		Path file = live(fileName);
		try {
			return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The names of the live site files, in order. */
	public List<String> fileNames() {
		try (Stream<Path> files = Files.list(dir.resolve("sites"))) {
			return files.map(file -> file.getFileName().toString()).filter(name -> FILE_NAME.matcher(name).matches())
				.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir.resolve("sites"), ex);
		}
	}

	/** What {@link #apply} with this content would change in the live file. */
	public ConfigChange changeFor(String fileName, String content) {
		Optional<String> live = read(fileName);
		return live.isEmpty() ? ConfigChange.MISSING : live.get().equals(content) ? ConfigChange.NONE
				: ConfigChange.DIFFERENT;
	}

	/**
	 * Tests and installs one site file. Returns once the file is in place; the future completes when Nginx
	 * has reloaded with it.
	 * @throws NginxRejectedException when Nginx refuses the file; the previous file is still live
	 */
	public CompletableFuture<Void> apply(String fileName, String content) {
		Path target = live(fileName);
		synchronized (lock) {
			if (read(fileName).filter(content::equals).isPresent()) {
				// Already live; only a reload that failed earlier may still be owed.
				return reloadOwed ? reloads.request() : CompletableFuture.completedFuture(null);
			}
			Path candidate = dir.resolve("staging").resolve(fileName);
			Path wrapperFile = dir.resolve("staging").resolve(fileName + ".test");
			Path backup = dir.resolve("staging").resolve(fileName + ".previous");
			try {
				writeAtomically(candidate, content);
				writeAtomically(wrapperFile, wrapper.apply(nginxDir + "/staging/" + fileName));
				nginx.test(nginxDir + "/staging/" + fileName + ".test");
				boolean hadPrevious = Files.exists(target);
				if (hadPrevious) {
					Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
				}
				Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				try {
					nginx.test(nginxMainConfig());
				}
				catch (RuntimeException ex) {
					if (hadPrevious) {
						Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
					}
					else {
						Files.deleteIfExists(target);
					}
					log.warn("restored the previous {} after the whole config was refused", fileName);
					throw ex;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write " + fileName, ex);
			}
			finally {
				deleteQuietly(candidate);
				deleteQuietly(wrapperFile);
				deleteQuietly(backup);
			}
			log.info("installed {}", fileName);
			return reloads.request();
		}
	}

	/** Removes a site file if present; the future completes when Nginx has reloaded without it. */
	public CompletableFuture<Void> remove(String fileName) {
		Path target = live(fileName);
		synchronized (lock) {
			try {
				if (!Files.deleteIfExists(target)) {
					return CompletableFuture.completedFuture(null);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot remove " + fileName, ex);
			}
			log.info("removed {}", fileName);
			return reloads.request();
		}
	}

	/** Asks for a reload, as after Nginx itself was restarted with a changed main config. */
	public CompletableFuture<Void> reload() {
		return reloads.request();
	}

	/** How many reloads this directory has caused. */
	public long reloadCount() {
		return reloads.count();
	}

	private Path live(String fileName) {
		if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
			throw new IllegalArgumentException("not an acceptable config file name: " + fileName);
		}
		return dir.resolve("sites").resolve(fileName);
	}

	private static void writeAtomically(Path file, String content) {
		try {
			Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			temp.toFile().setReadable(true, false);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("cannot remove {}: {}", file, ex.getMessage());
		}
	}

	@Override
	public void close() {
		reloads.close();
	}

}
