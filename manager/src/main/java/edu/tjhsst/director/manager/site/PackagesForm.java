package edu.tjhsst.director.manager.site;

import java.util.List;

import edu.tjhsst.director.common.image.PackageNames;

/** The extra Debian packages a site's owner types, separated by spaces, commas or new lines. */
record PackagesForm(String packages) {

	static PackagesForm of(Site site) {
		return new PackagesForm(String.join("\n", site.packages()));
	}

	/** The names typed, in order. */
	List<String> names() {
		return PackageNames.parse(packages);
	}

}
