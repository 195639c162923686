package edu.tjhsst.director.manager.site;

import edu.tjhsst.director.common.site.SiteType;

/** What a person fills in to create a site; {@link NewSiteRules} says what is wrong with it. */
record CreateSiteForm(String name, String description, String type, String runtime) {

	static CreateSiteForm empty() {
		return new CreateSiteForm("", "", SiteType.STATIC.name(), "");
	}

	String trimmedName() {
		return name == null ? "" : name.strip();
	}

	String trimmedDescription() {
		return description == null ? "" : description.strip();
	}

	/** The chosen type, or null when the form names none this portal knows. */
	SiteType siteType() {
		return ChangeTypeForm.parse(type);
	}

	String trimmedRuntime() {
		return runtime == null ? "" : runtime.strip();
	}

}
