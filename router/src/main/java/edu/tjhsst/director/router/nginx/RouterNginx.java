package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.ConfigChange;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.tls.CertificateFiles;
import edu.tjhsst.director.router.tls.CertificateStore;
import edu.tjhsst.director.router.tls.CheckedCertificate;

/**
 * The router's Nginx config and the only writer of its route files: on start the main file is rendered anew, the
 * route files kept from the last run are brought up to date and any that Nginx refuses are set aside, then Nginx
 * starts; afterwards routes and certificates change one file at a time. It knows the live routes, so a certificate
 * reaches every route that lists its host (and the portal's file, when it is the portal's).
 */
final class RouterNginx implements RouteConfigs, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(RouterNginx.class);

	private final RouterTemplates templates;

	private final NginxConfigDirectory configs;

	private final LocalNginx process;

	private final Path prefix;

	private final CertificateStore certificates;

	private final KeptRouteFiles kept;

	/** The routes Nginx serves, by site id; changed only while holding this object's lock. */
	private final Map<Long, Route> live = new HashMap<>();

	RouterNginx(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process, Path prefix,
			CertificateStore certificates) {
		this.templates = templates;
		this.configs = configs;
		this.process = process;
		this.prefix = prefix;
		this.certificates = certificates;
		this.kept = new KeptRouteFiles(templates, configs, process, prefix);
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
		synchronized (this) {
			rerenderRoutes();
			renderPortal();
			kept.setAsideRefusedFiles();
			live.keySet().removeIf(siteId -> !Files.exists(kept.sites().resolve(RouterTemplates.fileName(siteId))));
		}
		process.start();
		log.info("router nginx serves {} route file(s) from {}", kept.siteFiles().size(), kept.sites());
	}

	@Override
	public synchronized CompletableFuture<ConfigChange> apply(Route route) {
		String fileName = RouterTemplates.fileName(route.siteId());
		String content = templates.route(route, served(route, null, Optional.empty()));
		ConfigChange change = configs.changeFor(fileName, content);
		CompletableFuture<Void> reload = configs.apply(fileName, content);
		live.put(route.siteId(), route);
		return reload.thenApply(reloaded -> change);
	}

	@Override
	public Set<Long> routed() {
		Set<Long> ids = new TreeSet<>();
		configs.fileNames().stream().map(RouterTemplates::siteOfFile).flatMap(Optional::stream).forEach(ids::add);
		return ids;
	}

	@Override
	public synchronized CompletableFuture<Void> remove(long siteId) {
		live.remove(siteId);
		return configs.remove(RouterTemplates.fileName(siteId));
	}

	@Override
	public synchronized CompletableFuture<Void> serveCertificate(CheckedCertificate certificate) {
		String host = certificate.host();
		CertificateFiles staged = certificates.stage(certificate);
		List<Rendering> changed = new ArrayList<>();
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		try {
			for (Rendering file : filesServing(host)) {
				reloads.add(configs.apply(file.name(), file.render().apply(Optional.of(staged))));
				changed.add(file);
			}
		}
		catch (RuntimeException ex) {
			// Files already changed go back to the current certificate, whose files are still there.
			for (Rendering file : changed) {
				try {
					reloads.add(configs.apply(file.name(), file.render().apply(certificates.served(host))));
				}
				catch (RuntimeException again) {
					log.warn("cannot put back {} after a refused certificate for {}: {}", file.name(), host,
							again.getMessage());
				}
			}
			certificates.discard(staged);
			log.warn("nginx refused certificate {} for {}; the previous one stays", staged.version(), host);
			throw ex;
		}
		certificates.makeCurrent(staged);
		log.info("serving certificate {} for {} in {} file(s)", staged.version(), host, changed.size());
		return CompletableFuture.allOf(reloads.toArray(CompletableFuture[]::new));
	}

	@Override
	public synchronized CompletableFuture<Void> withdrawCertificate(String host) {
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		for (Rendering file : filesServing(host)) {
			reloads.add(configs.apply(file.name(), file.render().apply(Optional.empty())));
		}
		// Only once no file names its certificate any more.
		if (certificates.remove(host)) {
			log.info("removed the certificates of {}", host);
		}
		return CompletableFuture.allOf(reloads.toArray(CompletableFuture[]::new));
	}

	@Override
	public boolean serving() {
		return process.running();
	}

	/** Renders every kept route again, so a changed port, address, template or certificate reaches it too. */
	private void rerenderRoutes() {
		for (Path file : kept.siteFiles()) {
			String name = file.getFileName().toString();
			if (!name.startsWith("route-")) {
				continue;
			}
			String content = KeptRouteFiles.read(file);
			Optional<Route> route = RouterTemplates.parse(name, content);
			if (route.isEmpty()) {
				kept.setAside(file, "its site id or host names cannot be read");
				continue;
			}
			String rendered = templates.route(route.get(), served(route.get(), null, Optional.empty()));
			if (!rendered.equals(content)) {
				KeptRouteFiles.write(file, rendered);
				log.info("rendered {} again", name);
			}
			live.put(route.get().siteId(), route.get());
		}
	}

	/** Writes the portal's file, or removes it when there is no portal; Nginx is not running yet. */
	private void renderPortal() {
		Path file = kept.sites().resolve(RouterTemplates.PORTAL_FILE);
		Optional<String> host = templates.portalHost();
		if (host.isPresent()) {
			KeptRouteFiles.write(file, templates.portal(host.get(), certificates.served(host.get())));
		}
		else {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot remove " + file, ex);
			}
		}
	}

	/** Every file that serves the host: the routes that list it, and the portal's when it is the portal's. */
	private List<Rendering> filesServing(String host) {
		List<Rendering> files = new ArrayList<>();
		for (Route route : live.values()) {
			if (route.hosts().contains(host)) {
				files.add(new Rendering(RouterTemplates.fileName(route.siteId()),
						instead -> templates.route(route, served(route, host, instead))));
			}
		}
		if (templates.portalHost().filter(host::equals).isPresent()) {
			files.add(new Rendering(RouterTemplates.PORTAL_FILE, instead -> templates.portal(host, instead)));
		}
		return files;
	}

	/**
	 * The certificates a route's hosts are served with: each host's current one while it is valid, except that
	 * {@code host} (when not null) gets {@code instead}, or none.
	 */
	private Map<String, CertificateFiles> served(Route route, String host, Optional<CertificateFiles> instead) {
		Map<String, CertificateFiles> served = new HashMap<>();
		for (String each : route.hosts()) {
			Optional<CertificateFiles> files = each.equals(host) ? instead : certificates.served(each);
			files.ifPresent(found -> served.put(each, found));
		}
		return served;
	}

	/**
	 * A file that names a host's certificate, and how to render it with another certificate for the host, or none.
	 * @param name the file's name in {@code sites/}
	 * @param render renders it with the given certificate for the host
	 */
	private record Rendering(String name, Function<Optional<CertificateFiles>, String> render) {
	}

}
