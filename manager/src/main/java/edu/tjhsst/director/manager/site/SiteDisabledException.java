package edu.tjhsst.director.manager.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import edu.tjhsst.director.manager.operation.SiteLockedException;

/**
 * A change refused because an administrator disabled the site; a kind of lock, so every form that reports a busy
 * site reports this too, and a 403 wherever it is not caught.
 */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class SiteDisabledException extends SiteLockedException {

	/** What the site's owners are told. */
	public static final String MESSAGE = "This site was disabled by an administrator, so it cannot be changed.";

	public SiteDisabledException() {
		this(MESSAGE);
	}

	SiteDisabledException(String message) {
		super(message);
	}

}
