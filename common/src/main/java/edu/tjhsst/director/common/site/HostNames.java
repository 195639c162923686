package edu.tjhsst.director.common.site;

import java.util.regex.Pattern;

/** Whitelist for DNS host names before they reach an Nginx template. */
public final class HostNames {

	private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

	private HostNames() {
	}

	/** True for a lowercase host name of 1 to 253 characters made of valid labels. */
	public static boolean isValid(String host) {
		if (host == null || host.isEmpty() || host.length() > 253 || host.endsWith(".")) {
			return false;
		}
		for (String label : host.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

}
