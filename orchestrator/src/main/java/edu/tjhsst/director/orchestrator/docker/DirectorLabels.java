package edu.tjhsst.director.orchestrator.docker;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The labels every Docker object Director makes carries, so that it never touches one it did not make: that it is
 * Director's ({@code director.managed=true}), its role ({@code director.role}, such as {@code site} or
 * {@code terminal}) and, for a site's own objects, the site's id ({@code director.site}).
 */
public final class DirectorLabels {

	/** {@code true} on every object Director makes. */
	public static final String MANAGED = "director.managed";

	/** What the object is for, such as {@code site}, {@code appserver}, {@code site-network} or {@code terminal}. */
	public static final String ROLE = "director.role";

	/** The id of the site a site's own object belongs to. */
	public static final String SITE = "director.site";

	/** The runtime a site runs on; every runtime image carries it, and images built on one inherit it. */
	public static final String RUNTIME = "director.runtime";

	private DirectorLabels() {
	}

	/** The label of an object Director makes for no role in particular; a new map the caller may add to. */
	public static Map<String, String> managed() {
		Map<String, String> labels = new TreeMap<>();
		labels.put(MANAGED, "true");
		return labels;
	}

	/** The labels of an object with a role; a new map the caller may add to. */
	public static Map<String, String> of(String role) {
		Map<String, String> labels = managed();
		labels.put(ROLE, role);
		return labels;
	}

	/** The labels of a site's own object with a role; a new map the caller may add to. */
	public static Map<String, String> of(String role, long siteId) {
		Map<String, String> labels = of(role);
		labels.put(SITE, Long.toString(siteId));
		return labels;
	}

	/** A filter the engine matches labels with, {@code key=value}. */
	public static String filter(String key, String value) {
		return key + "=" + value;
	}

	/** Whether the labels (null for none) say Director made the object. */
	public static boolean isManaged(Map<String, String> labels) {
		return labels != null && "true".equals(labels.get(MANAGED));
	}

	/** Whether Director made the object for this site. */
	public static boolean isSite(Map<String, String> labels, long siteId) {
		return isManaged(labels) && Long.toString(siteId).equals(labels.get(SITE));
	}

	/** Whether Director made the object for this site in this role. */
	public static boolean isSite(Map<String, String> labels, String role, long siteId) {
		return isSite(labels, siteId) && role.equals(labels.get(ROLE));
	}

	/** The site the object belongs to, if its labels name one. */
	public static Optional<Long> site(Map<String, String> labels) {
		try {
			return Optional.of(Long.parseLong(labels.get(SITE)));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
