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
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.api.Reloads;
import edu.tjhsst.director.router.nginx.RouterTemplates.RouteFile;
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

	/** The routes Nginx serves, by site id; changed only while holding this object's lock. */
	private final Map<Long, Route> live = new HashMap<>();

	RouterNginx(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process, Path prefix,
			CertificateStore certificates) {
		this.templates = templates;
		this.configs = configs;
		this.process = process;
		this.prefix = prefix;
		this.certificates = certificates;
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
			setAsideRefused();
			List<String> files = configs.fileNames();
			live.keySet().removeIf(siteId -> RouterTemplates.fileNames(siteId).stream().noneMatch(files::contains));
		}
		process.start();
		log.info("router nginx serves {} route file(s) from {}", configs.fileNames().size(), configs.nginxSitesDir());
	}

	@Override
	public synchronized CompletableFuture<ConfigChange> apply(Route route) {
		RouteFile file = templates.route(route, served(route, null, Optional.empty()));
		ConfigChange change = configs.changeFor(file.name(), file.content());
		CompletableFuture<Void> reload = put(file, RouterTemplates.fileNames(route.siteId()));
		live.put(route.siteId(), route);
		return reload.thenApply(reloaded -> change);
	}

	/**
	 * Puts the file in place, and the other names it may have had (map lines for a route that now has HTTPS, say) go
	 * with the reload that makes it live; they stay when Nginx refuses it.
	 */
	private CompletableFuture<Void> put(RouteFile file, List<String> names) {
		return configs.apply(file.name(), file.content(), names);
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
		return CompletableFuture.allOf(RouterTemplates.fileNames(siteId).stream().map(configs::remove)
			.toArray(CompletableFuture[]::new));
	}

	@Override
	public synchronized CompletableFuture<Void> serveCertificate(CheckedCertificate certificate) {
		String host = certificate.host();
		CertificateFiles staged = certificates.stage(certificate);
		List<Rendering> changed = new ArrayList<>();
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		try {
			for (Rendering file : filesServing(host)) {
				reloads.add(put(file.render().apply(Optional.of(staged)), file.names()));
				changed.add(file);
			}
			// Nginx tests the files with the reload they wait for; only then may the certificate become current.
			awaitAll(reloads);
		}
		catch (RuntimeException ex) {
			reloads.clear();
			// Files already changed go back to the current certificate, whose files are still there.
			for (Rendering file : changed) {
				try {
					reloads.add(put(file.render().apply(certificates.served(host)), file.names()));
				}
				catch (RuntimeException again) {
					log.warn("cannot put back {} after a refused certificate for {}: {}", file.names().get(0), host,
							again.getMessage());
				}
			}
			// Its files go only once no live file names them: the put-back files are live first.
			try {
				awaitAll(reloads);
				certificates.discard(staged);
			}
			catch (RuntimeException again) {
				log.warn("kept the files of certificate {} for {}: a live file may still name them ({})",
						staged.version(), host, again.getMessage());
			}
			log.warn("nginx did not take certificate {} for {}; the previous one stays", staged.version(), host);
			throw ex;
		}
		certificates.makeCurrent(staged);
		log.info("serving certificate {} for {} in {} file(s)", staged.version(), host, changed.size());
		return CompletableFuture.completedFuture(null);
	}

	/** Waits for the reloads, as a call waits for its own: a refusal as it is, a slow or failed reload as 503. */
	private static void awaitAll(List<CompletableFuture<Void>> reloads) {
		Reloads.await(CompletableFuture.allOf(reloads.toArray(CompletableFuture[]::new)));
	}


	@Override
	public synchronized CompletableFuture<Void> withdrawCertificate(String host) {
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		for (Rendering file : filesServing(host)) {
			reloads.add(put(file.render().apply(Optional.empty()), file.names()));
		}
		// Only once no live file names its certificate any more.
		awaitAll(reloads);
		if (certificates.remove(host)) {
			log.info("removed the certificates of {}", host);
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public boolean serving() {
		return process.running();
	}

	/** Renders every kept route again, so a changed port, address, template or certificate reaches it too. */
	private void rerenderRoutes() {
		for (String name : configs.fileNames()) {
			Optional<String> content = configs.read(name);
			// Gone: the other file of a route rendered before it under its own name.
			if (!name.startsWith("route-") || content.isEmpty()) {
				continue;
			}
			Optional<Route> route = RouterTemplates.parse(name, content.get());
			if (route.isEmpty()) {
				configs.setAside(name, "its site id or host names cannot be read");
				continue;
			}
			RouteFile rendered = templates.route(route.get(), served(route.get(), null, Optional.empty()));
			if (!rendered.name().equals(name) || !rendered.content().equals(content.get())) {
				configs.writeBeforeStart(rendered.name(), Optional.of(rendered.content()));
				log.info("rendered {} again as {}", name, rendered.name());
			}
			for (String other : RouterTemplates.fileNames(route.get().siteId())) {
				if (!other.equals(rendered.name())) {
					configs.writeBeforeStart(other, Optional.empty());
				}
			}
			live.put(route.get().siteId(), route.get());
		}
	}

	/** Writes the portal's file, or removes it when there is no portal; Nginx is not running yet. */
	private void renderPortal() {
		Optional<String> host = templates.portalHost();
		configs.writeBeforeStart(RouterTemplates.PORTAL_FILE,
				host.map(portal -> templates.portal(portal, certificates.served(portal))));
	}

	/**
	 * Sets aside the kept files Nginx refuses; when it refuses the router's own config (an app server's name that does
	 * not resolve, say), the site files are not to blame, stay, and the router does not start.
	 */
	private void setAsideRefused() {
		try {
			configs.setAsideRefused();
		}
		catch (NginxRejectedException ex) {
			throw new IllegalStateException("nginx refuses the router's own config: " + ex.getMessage(), ex);
		}
	}

	/** Every file that serves the host: the routes that list it, and the portal's when it is the portal's. */
	private List<Rendering> filesServing(String host) {
		List<Rendering> files = new ArrayList<>();
		for (Route route : live.values()) {
			if (route.hosts().contains(host)) {
				files.add(new Rendering(RouterTemplates.fileNames(route.siteId()),
						instead -> templates.route(route, served(route, host, instead))));
			}
		}
		if (templates.portalHost().filter(host::equals).isPresent()) {
			files.add(new Rendering(List.of(RouterTemplates.PORTAL_FILE),
					instead -> new RouteFile(RouterTemplates.PORTAL_FILE, templates.portal(host, instead))));
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
	 * @param names the names it may have in {@code sites/}; rendering tells which one it has
	 * @param render renders it with the given certificate for the host
	 */
	private record Rendering(List<String> names, Function<Optional<CertificateFiles>, RouteFile> render) {
	}

}
