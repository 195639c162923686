package edu.tjhsst.director.manager.site;

import jakarta.validation.constraints.Size;

/** What a person fills in to create a site; the name's rules are checked by {@code SiteNames}. */
record CreateSiteForm(String name, @Size(max = 500, message = "Keep the description under 500 characters.") String description) {

	static CreateSiteForm empty() {
		return new CreateSiteForm("", "");
	}

	String trimmedName() {
		return name == null ? "" : name.strip();
	}

	String trimmedDescription() {
		return description == null ? "" : description.strip();
	}

}
