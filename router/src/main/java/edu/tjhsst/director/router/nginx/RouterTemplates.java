package edu.tjhsst.director.router.nginx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.tls.CertificateFiles;

/** Renders the router's main config, and its route files from {@code nginx-templates/router/}. */
final class RouterTemplates {

	/** The portal's file among the route files. */
	static final String PORTAL_FILE = "portal.conf";

	private static final Pattern ROUTE_FILE = Pattern.compile("^route-([1-9][0-9]{0,18})\\.(conf|map)$");

	/** One per host: Nginx refuses a comment line longer than 4 KiB, and a route may list 64 long names. */
	private static final Pattern HOST_LINE = Pattern.compile("(?m)^# host: (\\S+)[ \\t]*$");

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
				"httpsListen", properties.httpsListen(), "acmeRoot", acmeRoot(), "appservers", appservers(),
				"maxBodyMiB", SiteLimits.MAX_BODY_MIB));
	}

	/** The route file of a site served over plain HTTP alone; the route must have no problems. */
	RouteFile route(Route route) {
		return route(route, Map.of());
	}

	/**
	 * The route file of a site; the route must have no problems. Its hosts with a certificate here are served over
	 * HTTPS, and their plain HTTP answers ACME challenges and redirects the rest; the others stay on plain HTTP. A
	 * route without HTTPS is lines of the main config's map (so that thousands of them cost Nginx little), one with
	 * HTTPS has servers of its own.
	 */
	RouteFile route(Route route, Map<String, CertificateFiles> certificates) {
		if (!route.problems().isEmpty()) {
			throw new IllegalArgumentException("cannot render a route with problems: " + route.problems());
		}
		if (route.hosts().stream().noneMatch(certificates::containsKey)) {
			return new RouteFile(fileName(route.siteId(), ".map"), templates.render("router/site.map",
					Map.of("siteId", route.siteId(), "hosts", NginxTemplates.mapKeys(route.hosts()))));
		}
		List<String> plainHosts = route.hosts().stream().filter(host -> !certificates.containsKey(host)).toList();
		List<Map<String, String>> tlsHosts = route.hosts().stream()
			.filter(certificates::containsKey)
			.map(host -> Map.of("host", host, "chain", certificates.get(host).chain().toString(), "key",
					certificates.get(host).key().toString()))
			.toList();
		Map<String, Object> values = new HashMap<>();
		values.put("siteId", route.siteId());
		values.put("listen", properties.listen());
		values.put("httpsListen", properties.httpsListen());
		values.put("httpsSuffix", httpsSuffix());
		values.put("acmeRoot", acmeRoot());
		values.put("hosts", route.hosts());
		values.put("plainHosts", plainHosts);
		values.put("hasPlainHosts", !plainHosts.isEmpty());
		values.put("tlsHosts", tlsHosts);
		values.put("hasTlsHosts", !tlsHosts.isEmpty());
		return new RouteFile(fileName(route.siteId(), ".conf"), templates.render("router/site.conf", values));
	}

	/** The portal's host name, when the router forwards one to the manager. */
	Optional<String> portalHost() {
		return properties.portal();
	}

	/** The portal's file, forwarding its host to the manager over HTTPS when it has a certificate here. */
	String portal(String host, Optional<CertificateFiles> certificate) {
		Map<String, Object> values = new HashMap<>();
		values.put("host", host);
		values.put("upstream", properties.portalUpstream().toString());
		values.put("listen", properties.listen());
		values.put("httpsListen", properties.httpsListen());
		values.put("httpsSuffix", httpsSuffix());
		values.put("acmeRoot", acmeRoot());
		values.put("tls", certificate.isPresent());
		values.put("chain", certificate.map(files -> files.chain().toString()).orElse(""));
		values.put("key", certificate.map(files -> files.key().toString()).orElse(""));
		return templates.render("router/portal.conf", values);
	}

	/** Every name a site's route file may have; at most one of them is live. */
	static List<String> fileNames(long siteId) {
		return List.of(fileName(siteId, ".conf"), fileName(siteId, ".map"));
	}

	private static String fileName(long siteId, String extension) {
		return "route-" + siteId + extension;
	}

	/** The site a route file is of, if it is a route file. */
	static Optional<Long> siteOfFile(String fileName) {
		Matcher matcher = ROUTE_FILE.matcher(fileName);
		try {
			return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			// Nineteen digits past the largest id.
			return Optional.empty();
		}
	}

	/**
	 * Reads a route back from a route file written earlier, or empty when it is not one: from its {@code # host:}
	 * lines, or from the one {@code server_name} of a file written before routes had HTTPS.
	 */
	static Optional<Route> parse(String fileName, String content) {
		Matcher name = ROUTE_FILE.matcher(fileName);
		if (!name.matches()) {
			return Optional.empty();
		}
		List<String> hosts = new ArrayList<>();
		Matcher line = HOST_LINE.matcher(content);
		while (line.find()) {
			hosts.add(line.group(1));
		}
		Matcher serverName = SERVER_NAME.matcher(content);
		if (hosts.isEmpty() && serverName.find()) {
			hosts = Arrays.asList(serverName.group(1).strip().split("[ \\t]+"));
		}
		if (hosts.isEmpty()) {
			return Optional.empty();
		}
		try {
			Route route = new Route(Long.parseLong(name.group(1)), hosts);
			return route.problems().isEmpty() ? Optional.of(route) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A route file as rendered.
	 * @param name its name in {@code sites/}, which says whether it is map lines or servers
	 */
	record RouteFile(String name, String content) {
	}

	private String prefix() {
		return properties.nginxDir().toString();
	}

	/** What a redirect to HTTPS puts after the host: nothing for the standard port. */
	private String httpsSuffix() {
		return properties.httpsPort() == 443 ? "" : ":" + properties.httpsPort();
	}

	private String acmeRoot() {
		return properties.nginxDir().resolve("acme").toString();
	}

	private List<Map<String, Object>> appservers() {
		return properties.appservers().stream()
			.map(server -> Map.<String, Object>of("address", server.toString()))
			.toList();
	}

}
