package edu.tjhsst.director.router.nginx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.router.RouterProperties;

/** Renders the router's main config, its test wrapper and its route files from {@code nginx-templates/router/}. */
final class RouterTemplates {

	private static final Pattern ROUTE_FILE = Pattern.compile("^route-([1-9][0-9]{0,18})\\.conf$");

	private static final Pattern SERVER_NAME = Pattern.compile("(?m)^\\s*server_name((?:[ \\t]+[^\\s;]+)+)[ \\t]*;");

	private final NginxTemplates templates;

	private final RouterProperties properties;

	RouterTemplates(NginxTemplates templates, RouterProperties properties) {
		this.templates = templates;
		this.properties = properties;
	}

	/** The main {@code nginx.conf}. */
	String main() {
		return templates.render("router/nginx.conf", Map.of("prefix", prefix(), "listen", properties.listen(),
				"appservers", appservers(), "maxBodyMiB", SiteLimits.MAX_BODY_MIB));
	}

	/** A config that only tests the given file (a path as Nginx sees it) and binds no port of its own. */
	String wrapper(String file) {
		return templates.render("router/test-wrapper.conf", Map.of("prefix", prefix(), "file", file,
				"appservers", appservers()));
	}

	/** The route file of a site; the route must have no problems. */
	String route(Route route) {
		if (!route.problems().isEmpty()) {
			throw new IllegalArgumentException("cannot render a route with problems: " + route.problems());
		}
		return templates.render("router/site.conf", Map.of("siteId", route.siteId(), "listen", properties.listen(),
				"hosts", route.hosts()));
	}

	/** The name of a site's route file. */
	static String fileName(long siteId) {
		return "route-" + siteId + ".conf";
	}

	/** Reads a route back from a route file written earlier, or empty when it is not one. */
	static Optional<Route> parse(String fileName, String content) {
		Matcher name = ROUTE_FILE.matcher(fileName);
		Matcher hosts = SERVER_NAME.matcher(content);
		if (!name.matches() || !hosts.find()) {
			return Optional.empty();
		}
		try {
			Route route = new Route(Long.parseLong(name.group(1)),
					Arrays.asList(hosts.group(1).strip().split("[ \\t]+")));
			return route.problems().isEmpty() ? Optional.of(route) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private String prefix() {
		return properties.nginxDir().toString();
	}

	private List<Map<String, Object>> appservers() {
		return properties.appservers().stream()
			.map(server -> Map.<String, Object>of("host", server.host(), "port", server.port()))
			.toList();
	}

}
