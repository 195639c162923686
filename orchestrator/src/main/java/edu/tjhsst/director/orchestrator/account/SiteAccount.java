package edu.tjhsst.director.orchestrator.account;

import java.nio.file.Path;

/**
 * A site's Unix user as its containers see it.
 * @param uid the uid, which is also the gid, its process, terminals and files use
 * @param passwd the read-only file its containers mount at {@code /etc/passwd}
 * @param group the read-only file its containers mount at {@code /etc/group}
 */
public record SiteAccount(int uid, Path passwd, Path group) {

	/** Where the account files are mounted in a site's containers. */
	public static final String PASSWD_TARGET = "/etc/passwd";

	public static final String GROUP_TARGET = "/etc/group";

	/** The user and group a container or exec runs as, {@code uid:gid}. */
	public String user() {
		return uid + ":" + uid;
	}

}
