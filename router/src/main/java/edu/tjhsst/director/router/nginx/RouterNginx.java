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
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.tls.CertificateFiles;
import edu.tjhsst.director.router.tls.CertificateStore;
import edu.tjhsst.director.router.tls.CheckedCertificate;

/**
 * The router's Nginx config and the only writer of its route files: on start the main file is rendered anew, the
 * route files kept from the last run are brought up to date and any that Nginx refuses are set aside, then Nginx
 * starts; afterwards routes and certificates change one file at a time. It knows the live routes, so a certificate
 * reaches every route that lists its host.
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
			kept.setAsideRefusedFiles();
			live.keySet().removeIf(siteId -> !Files.exists(kept.sites().resolve(RouterTemplates.fileName(siteId))));
		}
		process.start();
		log.info("router nginx serves {} route file(s) from {}", kept.siteFiles().size(), kept.sites());
	}

	@Override
	public synchronized CompletableFuture<Void> apply(Route route) {
		CompletableFuture<Void> reload = configs.apply(RouterTemplates.fileName(route.siteId()),
				templates.route(route, served(route, null, Optional.empty())));
		live.put(route.siteId(), route);
		return reload;
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
		List<Route> changed = new ArrayList<>();
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		try {
			for (Route route : routesListing(host)) {
				reloads.add(configs.apply(RouterTemplates.fileName(route.siteId()),
						templates.route(route, served(route, host, Optional.of(staged)))));
				changed.add(route);
			}
		}
		catch (RuntimeException ex) {
			// Routes already changed go back to the current certificate, whose files are still there.
			for (Route route : changed) {
				try {
					reloads.add(configs.apply(RouterTemplates.fileName(route.siteId()),
							templates.route(route, served(route, null, Optional.empty()))));
				}
				catch (RuntimeException again) {
					log.warn("cannot put back route {} after a refused certificate for {}: {}", route.siteId(), host,
							again.getMessage());
				}
			}
			certificates.discard(staged);
			log.warn("nginx refused certificate {} for {}; the previous one stays", staged.version(), host);
			throw ex;
		}
		certificates.makeCurrent(staged);
		log.info("serving certificate {} for {} in {} route(s)", staged.version(), host, changed.size());
		return CompletableFuture.allOf(reloads.toArray(CompletableFuture[]::new));
	}

	@Override
	public synchronized CompletableFuture<Void> withdrawCertificate(String host) {
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		for (Route route : routesListing(host)) {
			reloads.add(configs.apply(RouterTemplates.fileName(route.siteId()),
					templates.route(route, served(route, host, Optional.empty()))));
		}
		// Only once no route names its files any more.
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

	private List<Route> routesListing(String host) {
		return live.values().stream().filter(route -> route.hosts().contains(host)).toList();
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

}
