package edu.tjhsst.director.common.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole desired state of one site on an app server; the orchestrator converges to it.
 * @param id the site's id, which names its directory, config file and service
 * @param name the site's name
 * @param type how it is served
 * @param hosts every host name it answers to, its own first
 * @param runtime the name of the runtime the site's process runs in, such as {@code python}
 * @param image the image the site's process runs, such as {@code director/runtime-python:1}; null for the
 *        runtime's standard image
 * @param env the environment variables the site's owner defined, sorted by name
 * @param limits what the site and its process may use
 * @param availability whether the site is served; null for enabled
 * @param url the address the site is reached at, given to its process, or null
 * @param database how the site's process reaches its database, or null when it has none
 */
public record SiteSpec(long id, String name, SiteType type, List<String> hosts, String runtime, String image,
		Map<String, String> env, SiteLimits limits, SiteAvailability availability, String url,
		DatabaseAccess database) {

	private static final Pattern RUNTIME = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");

	/**
	 * A local image of Director's, always with a tag: {@code director/} then lowercase path components, as Docker
	 * spells them.
	 */
	public static final Pattern IMAGE = Pattern
		.compile("^director/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

	private static final int MAX_URL_LENGTH = 300;

	public SiteSpec {
		hosts = hosts == null ? List.of() : List.copyOf(hosts);
		// A TreeMap keeps the order stable and, unlike Map.copyOf, lets problems() report null names and values.
		env = env == null ? Map.of() : Collections.unmodifiableMap(withoutNullNames(env));
		limits = limits == null ? SiteLimits.DEFAULTS : limits;
		availability = availability == null ? SiteAvailability.ENABLED : availability;
	}

	/** A site without a database. */
	public SiteSpec(long id, String name, SiteType type, List<String> hosts, String runtime, String image,
			Map<String, String> env, SiteLimits limits, SiteAvailability availability, String url) {
		this(id, name, type, hosts, runtime, image, env, limits, availability, url, null);
	}

	/** A site with the default runtime settings, as a static site needs. */
	public SiteSpec(long id, String name, SiteType type, List<String> hosts) {
		this(id, name, type, hosts, null, null, Map.of(), SiteLimits.DEFAULTS, null, null, null);
	}

	/** An enabled site that runs its runtime's standard image. */
	public SiteSpec(long id, String name, SiteType type, List<String> hosts, String runtime, Map<String, String> env,
			SiteLimits limits, String url) {
		this(id, name, type, hosts, runtime, null, env, limits, null, url, null);
	}

	/** Everything wrong with this spec, empty when it may be rendered. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		SiteUsers.problem(id).ifPresent(problems::add);
		SiteNames.problem(name).ifPresent(problem -> problems.add("name: " + problem));
		if (type == null) {
			problems.add("type is required");
		}
		if (hosts.isEmpty() || hosts.size() > 64) {
			problems.add("hosts must list 1 to 64 host names");
		}
		hosts.stream().filter(host -> !HostNames.isValid(host)).findFirst()
			.ifPresent(host -> problems.add("not a valid host name: " + host));
		if (type != null && type.hasProcess() && runtime == null) {
			problems.add("runtime is required for a " + type.name().toLowerCase(Locale.ROOT) + " site");
		}
		if (runtime != null && !RUNTIME.matcher(runtime).matches()) {
			problems.add("runtime must be a short lowercase name such as python");
		}
		if (image != null && (image.length() > 200 || !IMAGE.matcher(image).matches())) {
			problems.add("image must be one of Director's local images with a tag, such as director/runtime-python:1");
		}
		problems.addAll(SiteEnvironment.problems(env));
		problems.addAll(limits.problems());
		if (database != null) {
			problems.addAll(database.problems());
		}
		if (url != null && !isValidUrl(url)) {
			problems.add("url must be an http or https address of a valid host name, such as https://my-site.example.org/");
		}
		return problems;
	}

	private static boolean isValidUrl(String url) {
		if (url.length() > MAX_URL_LENGTH) {
			return false;
		}
		try {
			URI uri = new URI(url);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getRawUserInfo() == null
					&& HostNames.isValid(uri.getHost()) && uri.getRawQuery() == null && uri.getRawFragment() == null
					&& (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** A copy a TreeMap can hold: a null name becomes the empty string, which problems() then refuses. */
	private static Map<String, String> withoutNullNames(Map<String, String> env) {
		Map<String, String> copy = new TreeMap<>();
		env.forEach((key, value) -> copy.put(key == null ? "" : key, value));
		return copy;
	}

}
