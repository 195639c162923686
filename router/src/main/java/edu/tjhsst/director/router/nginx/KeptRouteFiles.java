package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxRejectedException;

/**
 * The route files kept from the last run, as the router finds them on start: listed, read, rewritten, and set aside
 * into {@code rejected/} when Nginx refuses them, so one bad file never keeps the front door shut.
 */
final class KeptRouteFiles {

	private static final Logger log = LoggerFactory.getLogger(KeptRouteFiles.class);

	private final RouterTemplates templates;

	private final NginxConfigDirectory configs;

	private final LocalNginx process;

	private final Path prefix;

	KeptRouteFiles(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process, Path prefix) {
		this.templates = templates;
		this.configs = configs;
		this.process = process;
		this.prefix = prefix;
	}

	/** Tests the whole config; when Nginx refuses it, tests each site file alone and sets aside those it refuses. */
	void setAsideRefusedFiles() {
		try {
			process.test(configs.nginxMainConfig());
			return;
		}
		catch (NginxRejectedException ex) {
			log.warn("nginx refuses the kept config ({}); testing each site file alone", ex.getMessage());
		}
		// When the wrapper fails even around nothing (an app server's name does not resolve, say), the site
		// files are not to blame and must stay.
		Path empty = staging().resolve("empty.conf");
		write(empty, "");
		Optional<String> ownProblem;
		try {
			ownProblem = testAlone(empty);
		}
		finally {
			delete(empty);
		}
		if (ownProblem.isPresent()) {
			throw new IllegalStateException("nginx refuses the router's own config: " + ownProblem.get());
		}
		for (Path file : siteFiles()) {
			testAlone(file).ifPresent(reason -> setAside(file, reason));
		}
		// Each is fine alone, yet not together (two claim one host name in the routes' map, say): those Nginx names go.
		try {
			configs.setAsideRefused();
		}
		catch (NginxRejectedException ex) {
			throw new IllegalStateException("nginx refuses the router's config even without refused site files: "
					+ ex.getMessage(), ex);
		}
	}

	/** Why Nginx refuses the file inside the test wrapper, or empty when it accepts it. */
	private Optional<String> testAlone(Path file) {
		Path wrapper = staging().resolve(file.getFileName() + ".test");
		write(wrapper, templates.wrapper(file.toString()));
		try {
			process.test(wrapper.toString());
			return Optional.empty();
		}
		catch (NginxRejectedException ex) {
			return Optional.of(ex.getMessage());
		}
		finally {
			delete(wrapper);
		}
	}

	/** Moves a site file out of the live directory into {@code rejected/}, where an operator can look at it. */
	void setAside(Path file, String reason) {
		Path rejected = prefix.resolve("rejected").resolve(file.getFileName());
		try {
			Files.createDirectories(rejected.getParent());
			Files.move(file, rejected, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot move " + file + " aside", ex);
		}
		log.warn("moved {} to {}: {}", file.getFileName(), rejected, reason);
	}

	/** Where the files of a test of one file alone are written, beside the live ones. */
	private Path staging() {
		try {
			return Files.createDirectories(prefix.resolve("staging"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + prefix.resolve("staging"), ex);
		}
	}

	List<Path> siteFiles() {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(sites(), "*.{conf,map}")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + sites(), ex);
		}
		files.sort(null);
		return files;
	}

	Path sites() {
		return prefix.resolve("sites");
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	static void write(Path file, String content) {
		try {
			Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("cannot remove {}: {}", file, ex.getMessage());
		}
	}

}
