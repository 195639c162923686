package edu.tjhsst.director.manager.user;

/** What a person may do in the portal. */
public enum Role {

	STUDENT("Student"), TEACHER("Teacher"), ADMIN("Administrator");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The Spring Security authority for this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
