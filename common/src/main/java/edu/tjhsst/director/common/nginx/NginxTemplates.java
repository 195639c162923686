package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Renders the Mustache templates of {@code nginx-templates/}, packaged on the class path.
 * Values are never HTML-escaped (this is not HTML) and are expected to have passed a whitelist already;
 * a missing value is an error rather than an empty string.
 */
public final class NginxTemplates {

	private static final String ROOT = "nginx-templates/";

	/** Partials ({@code {{> appserver/forwarded.conf}}}) are other templates of the same folder tree. */
	private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(true)
		.withLoader(NginxTemplates::reader);

	private final Map<String, Template> cache = new ConcurrentHashMap<>();

	/** Renders {@code nginx-templates/<name>.mustache} with the given values. */
	public String render(String name, Map<String, ?> values) {
		return cache.computeIfAbsent(name, this::compile).execute(values);
	}

	/**
	 * Host names checked to be keys of a {@code map}: each has a dot, so that none is one of the map's own words
	 * ({@code default}, {@code include}, {@code hostnames}, {@code volatile}). Quoting would not help (Nginx compares
	 * the word without its quotes), and a leading backslash, the map's own escape, turns {@code \t}, {@code \n} and
	 * {@code \r} at a name's start into control characters.
	 * @throws IllegalArgumentException for a name without a dot
	 */
	public static List<String> mapKeys(List<String> hosts) {
		hosts.stream().filter(host -> host.indexOf('.') < 0).findFirst().ifPresent(host -> {
			throw new IllegalArgumentException("a host name in a map needs a dot: " + host);
		});
		return hosts;
	}

	private Template compile(String name) {
		try (Reader reader = reader(name)) {
			return compiler.compile(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read Nginx template " + name, ex);
		}
	}

	private static Reader reader(String name) {
		InputStream in = NginxTemplates.class.getClassLoader().getResourceAsStream(ROOT + name + ".mustache");
		if (in == null) {
			throw new IllegalArgumentException("no Nginx template " + name);
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

}
