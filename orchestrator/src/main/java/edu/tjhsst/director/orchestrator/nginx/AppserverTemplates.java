package edu.tjhsst.director.orchestrator.nginx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.docker.SiteNames;

/** Renders the appserver Nginx's main config, its test wrapper, the platform's pages and each site's file. */
public final class AppserverTemplates {

	/** Where the appserver container sees its configuration directory. */
	public static final String CONFIG_DIR = "/etc/director/nginx";

	/** Where the appserver container sees the site directories. */
	public static final String SITES_DIR = "/sites";

	/** Where the appserver container sees its own folder of the host's, which holds the socket below. */
	public static final String SOCKET_DIR = "/run/director-appserver";

	/** The Unix socket every server of the appserver Nginx listens on beside port 80, for this node's router. */
	public static final String SOCKET = SOCKET_DIR + "/http.sock";

	/** The not-found page's directory, inside the configuration directory. */
	public static final String DEFAULT_PAGE_DIR = "default";

	/** The not-found page's file name, as the main config names it. */
	public static final String NOT_FOUND_PAGE = "not-found.html";

	/** The file name of the page a dynamic site answers with while its process is down, beside the not-found page. */
	public static final String PROCESS_DOWN_PAGE = "process-down.html";

	/** The file name of the page a disabled site answers with, beside the not-found page. */
	public static final String DISABLED_PAGE = "disabled.html";

	/** The port a dynamic site's process listens on. */
	public static final int PROCESS_PORT = 8080;

	/** The port a PHP site's php-fpm listens on. */
	public static final int PHP_FPM_PORT = 9000;

	/** Where a PHP site's php-fpm sees the site's public directory. */
	public static final String PHP_PUBLIC_DIR = "/site/public";

	private static final Pattern SITE_FILE = Pattern.compile("site-([1-9][0-9]{0,17})\\.(conf|map)");

	private final NginxTemplates templates = new NginxTemplates();

	private final SiteNames names;

	private final List<String> trustedProxies;

	private final String socket;

	/** Templates whose Nginx believes no address's client address or X-Forwarded-* headers, only its socket's. */
	public AppserverTemplates(SiteNames names) {
		this(names, List.of());
	}

	/**
	 * @param names the names of the sites' services, which a PHP or dynamic site's file forwards to
	 * @param trustedProxies the IPv4 addresses or CIDR blocks other nodes' routers come from, each checked already;
	 *        only their client address and X-Forwarded-* headers are passed on to sites, beside the Unix socket's
	 */
	public AppserverTemplates(SiteNames names, List<String> trustedProxies) {
		this(names, trustedProxies, SOCKET);
	}

	/**
	 * Templates whose servers listen on another Unix socket than the container's, for a host's own Nginx in tests.
	 * @param socket an absolute path whose folder exists
	 */
	public AppserverTemplates(SiteNames names, List<String> trustedProxies, String socket) {
		this.names = names;
		this.trustedProxies = List.copyOf(trustedProxies);
		this.socket = socket;
	}

	/** The main config, for the given paths as Nginx sees them. */
	public String mainConfig(MainPaths paths) {
		return templates.render("appserver/nginx.conf", Map.of("pidFile", paths.pidFile(), "sitesDir",
				paths.sitesDir(), "defaultDir", paths.defaultDir(), "trustedProxies", trustedProxies,
				"socket", socket, "siteFoldersDir", SITES_DIR, "notFoundPage", NOT_FOUND_PAGE,
				"defaultMaxBodyMiB", SiteLimits.DEFAULTS.maxBodyMiB()));
	}

	/** The page the default server answers 404 with. */
	public String notFoundPage() {
		return templates.render("appserver/" + NOT_FOUND_PAGE, Map.of());
	}

	/** The page a dynamic or PHP site answers 502, 503 and 504 with while its process is down. */
	public String processDownPage() {
		return templates.render("appserver/" + PROCESS_DOWN_PAGE, Map.of());
	}

	/** The page a site an administrator disabled answers 503 with. */
	public String disabledPage() {
		return templates.render("appserver/" + DISABLED_PAGE, Map.of());
	}

	/**
	 * One site's file, to be put under {@link #siteFileName(SiteSpec)}: a site that is not enabled answers with a
	 * page of the platform's, whatever its type; an enabled static site is lines of the main config's map.
	 * @throws IllegalArgumentException when the spec has problems, so unchecked values never reach a template
	 */
	public String site(SiteSpec spec) {
		if (!spec.problems().isEmpty()) {
			throw new IllegalArgumentException("cannot render an invalid site: " + String.join("; ", spec.problems()));
		}
		return switch (spec.availability()) {
			case NOT_SERVED -> unavailable(spec, "not served", 404, NOT_FOUND_PAGE);
			case DISABLED -> unavailable(spec, "disabled by an administrator", 503, DISABLED_PAGE);
			case ENABLED -> switch (spec.type()) {
				case STATIC -> templates.render("appserver/static.map", model(spec, Map.of("sitesDir", SITES_DIR,
						"hosts", NginxTemplates.mapKeys(spec.hosts()))));
				case DYNAMIC -> templates.render("appserver/dynamic.conf", model(spec,
						Map.of("service", names.service(spec.id()), "port", PROCESS_PORT,
								"processDownPage", pagePath(PROCESS_DOWN_PAGE))));
				case PHP -> templates.render("appserver/php.conf", model(spec, Map.of("sitesDir", SITES_DIR,
						"service", names.service(spec.id()), "port", PHP_FPM_PORT,
						"phpPublicDir", PHP_PUBLIC_DIR, "processDownPage", pagePath(PROCESS_DOWN_PAGE))));
			};
		};
	}

	/**
	 * What every site file is rendered with: {@code id}, {@code name}, {@code serverNames}, {@code maxBodyMiB} (for
	 * {@code client_max_body_size}) and {@code socket}, then the type's own values.
	 */
	private Map<String, Object> model(SiteSpec spec, Map<String, Object> own) {
		Map<String, Object> model = new HashMap<>(own);
		model.put("socket", socket);
		model.put("id", spec.id());
		model.put("name", spec.name());
		model.put("serverNames", String.join(" ", spec.hosts()));
		model.put("maxBodyMiB", spec.limits().maxBodyMiB());
		return model;
	}

	/** A server block for the site's hosts that answers every request with one status and one of our pages. */
	private String unavailable(SiteSpec spec, String reason, int status, String page) {
		return templates.render("appserver/unavailable.conf",
				model(spec, Map.of("reason", reason, "status", status, "page", page, "pagePath", pagePath(page))));
	}

	private static String pagePath(String page) {
		return CONFIG_DIR + "/" + DEFAULT_PAGE_DIR + "/" + page;
	}

	/** The config file that holds the site as the spec has it: map lines for a static site that is served. */
	public static String siteFileName(SiteSpec spec) {
		boolean mapLines = spec.type() == SiteType.STATIC && spec.availability() == SiteAvailability.ENABLED;
		return "site-" + spec.id() + (mapLines ? ".map" : ".conf");
	}

	/** Every name a site's config file may have; at most one of them is live. */
	public static List<String> siteFileNames(long id) {
		return List.of("site-" + id + ".conf", "site-" + id + ".map");
	}

	/** The site a config file holds, if it is a site's file. */
	public static Optional<Long> siteOfFile(String fileName) {
		Matcher matcher = SITE_FILE.matcher(fileName);
		return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
	}

	/**
	 * Paths the main config names, as Nginx sees them.
	 * @param pidFile where the master process writes its pid
	 * @param sitesDir the directory whose {@code *.conf} files are included, and whose {@code *.map} files are the
	 *        static sites' map
	 * @param defaultDir the directory that holds the not-found page
	 */
	public record MainPaths(String pidFile, String sitesDir, String defaultDir) {

		/** The paths inside the appserver container. */
		public static MainPaths inContainer() {
			return new MainPaths("/run/nginx.pid", CONFIG_DIR + "/sites", CONFIG_DIR + "/" + DEFAULT_PAGE_DIR);
		}

	}

}
