package edu.tjhsst.director.manager.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accounts that cannot be created as asked; nothing was stored.
 * @param problems each field's problem, by field name (for a list: "row N field")
 * @param conflict whether the list was right but another request created one of its accounts meanwhile
 */
class AccountsRefusedException extends RuntimeException {

	private final Map<String, String> problems;

	private final boolean conflict;

	AccountsRefusedException(String message, Map<String, String> problems, boolean conflict) {
		super(message);
		this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
		this.conflict = conflict;
	}

	Map<String, String> problems() {
		return problems;
	}

	boolean isConflict() {
		return conflict;
	}

}
