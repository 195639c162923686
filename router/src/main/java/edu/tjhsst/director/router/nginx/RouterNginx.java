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
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;

/**
 * The router's Nginx config: on start the main file is rendered anew, the route files kept from the last run
 * are brought up to date and any that Nginx refuses are set aside, then Nginx starts; afterwards routes
 * change one file at a time.
 */
final class RouterNginx implements RouteConfigs, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(RouterNginx.class);

	private final RouterTemplates templates;

	private final NginxConfigDirectory configs;

	private final LocalNginx process;

	private final Path prefix;

	RouterNginx(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process, Path prefix) {
		this.templates = templates;
		this.configs = configs;
		this.process = process;
		this.prefix = prefix;
	}

	@Override
	public void afterPropertiesSet() {
		try {
			Files.createDirectories(prefix.resolve("temp"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + prefix.resolve("temp"), ex);
		}
		configs.writeMain(templates.main());
		rerenderRoutes();
		setAsideRefusedFiles();
		process.start();
		log.info("router nginx serves {} route file(s) from {}", siteFiles().size(), sites());
	}

	@Override
	public CompletableFuture<Void> apply(Route route) {
		return configs.apply(RouterTemplates.fileName(route.siteId()), templates.route(route));
	}

	@Override
	public CompletableFuture<Void> remove(long siteId) {
		return configs.remove(RouterTemplates.fileName(siteId));
	}

	@Override
	public boolean serving() {
		return process.running();
	}

	/** Renders every kept route again, so a changed port, address or template reaches old routes too. */
	private void rerenderRoutes() {
		for (Path file : siteFiles()) {
			String name = file.getFileName().toString();
			if (!name.startsWith("route-")) {
				continue;
			}
			String content = read(file);
			Optional<Route> route = RouterTemplates.parse(name, content);
			if (route.isEmpty()) {
				setAside(file, "its site id or host names cannot be read");
				continue;
			}
			String rendered = templates.route(route.get());
			if (!rendered.equals(content)) {
				write(file, rendered);
				log.info("rendered {} again", name);
			}
		}
	}

	/** Tests the whole config; when Nginx refuses it, tests each site file alone and sets aside those it refuses. */
	private void setAsideRefusedFiles() {
		try {
			process.test(configs.nginxMainConfig());
			return;
		}
		catch (NginxRejectedException ex) {
			log.warn("nginx refuses the kept config ({}); testing each site file alone", ex.getMessage());
		}
		// When the wrapper fails even around nothing (an app server's name does not resolve, say), the site
		// files are not to blame and must stay.
		Path empty = prefix.resolve("staging").resolve("empty.conf");
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
		try {
			process.test(configs.nginxMainConfig());
		}
		catch (NginxRejectedException ex) {
			throw new IllegalStateException("nginx refuses the router's config even without refused site files: "
					+ ex.getMessage(), ex);
		}
	}

	/** Why Nginx refuses the file inside the test wrapper, or empty when it accepts it. */
	private Optional<String> testAlone(Path file) {
		Path wrapper = prefix.resolve("staging").resolve(file.getFileName() + ".test");
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
	private void setAside(Path file, String reason) {
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

	private List<Path> siteFiles() {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(sites(), "*.conf")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + sites(), ex);
		}
		files.sort(null);
		return files;
	}

	private Path sites() {
		return prefix.resolve("sites");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static void write(Path file, String content) {
		try {
			Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("cannot remove {}: {}", file, ex.getMessage());
		}
	}

}
