package edu.tjhsst.director.common.domain;

import static edu.tjhsst.director.common.text.Quoting.quote;

/** A name refused as a custom domain; the message is a sentence for the person who typed it, saying what is wrong. */
public final class InvalidDomainException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	InvalidDomainException(String message) {
		super(message);
	}

	/** "<input> is not a domain name: <reason>." */
	static InvalidDomainException notADomain(String input, String reason) {
		return new InvalidDomainException(quote(input) + " is not a domain name: " + reason + ".");
	}

}
