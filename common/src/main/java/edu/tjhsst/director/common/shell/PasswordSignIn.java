package edu.tjhsst.director.common.shell;

/**
 * The shell server asks whether a portal password signs a user in ({@code POST /shell-server/auth/password}).
 * @param username the login's portal user name
 * @param password the password as typed
 * @param address the SSH client's address, for the manager's log and its limit on failed sign-ins
 */
public record PasswordSignIn(String username, String password, String address) {

	/** Never the password, wherever a request is logged. */
	@Override
	public String toString() {
		return "PasswordSignIn[username=" + username + ", address=" + address + "]";
	}

}
