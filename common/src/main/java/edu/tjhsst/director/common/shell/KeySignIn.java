package edu.tjhsst.director.common.shell;

/**
 * The shell server asks whether a public key signs a user in ({@code POST /shell-server/auth/key}).
 * @param username the login's portal user name
 * @param key the key the client offered, as an OpenSSH line
 */
public record KeySignIn(String username, String key) {
}
