package edu.tjhsst.director.manager.token;

/** A token that cannot be made as asked, with the form field at fault and what to do. */
public class TokenRequestException extends RuntimeException {

	private final String field;

	TokenRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
