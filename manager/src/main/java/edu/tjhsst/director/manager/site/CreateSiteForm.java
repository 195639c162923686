package edu.tjhsst.director.manager.site;

import jakarta.validation.constraints.Size;

import edu.tjhsst.director.common.site.SiteType;

/**
 * What a person fills in to create a site; the name's rules are checked by {@code SiteNames}, the runtime against
 * the orchestrator's list.
 */
record CreateSiteForm(String name, @Size(max = 500, message = "Keep the description under 500 characters.") String description,
		String type, String runtime) {

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
