package edu.tjhsst.director.common.nginx;

/** What installing a site file changes against the live one: nothing, a file that was missing, or other content. */
public enum ConfigChange {

	NONE, MISSING, DIFFERENT;

	/** A sentence saying what was put right in the file named, or null when nothing was. */
	public String sentence(String what) {
		return switch (this) {
			case NONE -> null;
			case MISSING -> what + " was missing; it was written again.";
			case DIFFERENT -> what + " differed from the site's settings; it was written again.";
		};
	}

}
