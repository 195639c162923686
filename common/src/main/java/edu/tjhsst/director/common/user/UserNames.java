package edu.tjhsst.director.common.user;

import java.util.regex.Pattern;

/**
 * The rule a portal user name follows, the one the manager creates accounts by: 2 to 32 lowercase letters, digits
 * or underscores, starting with a letter. The shell server and the orchestrator check names by it too, so that a
 * name no account can have is refused before it is looked up, logged or put in a session's environment.
 */
public final class UserNames {

	/** The rule as a regular expression, for Bean Validation's {@code @Pattern}. */
	public static final String REGEX = "^[a-z][a-z0-9_]{1,31}$";

	/** The rule in words, for a person choosing a name. */
	public static final String RULE =
			"A user name has 2 to 32 lowercase letters, digits or underscores, starting with a letter.";

	private static final Pattern SHAPE = Pattern.compile(REGEX);

	private UserNames() {
	}

	/** Whether an account could have this name; false for null. */
	public static boolean isValid(String name) {
		return name != null && SHAPE.matcher(name).matches();
	}

}
