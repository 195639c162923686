package edu.tjhsst.director.manager.site;

import java.util.Locale;

import edu.tjhsst.director.common.site.SiteType;

/** What a person fills in to change how their site is served. */
record ChangeTypeForm(String type, String runtime) {

	static ChangeTypeForm of(Site site) {
		return new ChangeTypeForm(site.type().name(), site.runtime() == null ? "" : site.runtime());
	}

	/** The type a form names, static when it names none, or null when it names one this portal does not know. */
	static SiteType parse(String type) {
		if (type == null || type.isBlank()) {
			return SiteType.STATIC;
		}
		try {
			return SiteType.valueOf(type.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	SiteType siteType() {
		return parse(type);
	}

	String trimmedRuntime() {
		return runtime == null ? "" : runtime.strip();
	}

}
