package edu.tjhsst.director.orchestrator.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Each site's account files, {@code <data>/accounts/<id>/passwd} and {@code group}: root, nobody and {@code site} with
 * the site's uid, home {@code /site/.home}. Its containers mount them read-only over the image's own, so that a uid
 * no image knows still has a name ({@code whoami}, bash's prompt, ssh, git and pip ask for one). They sit outside the
 * site's folder and belong to root, so the site can never edit them.
 */
@Component
public class SiteAccounts {

	private final Path root;

	SiteAccounts(OrchestratorProperties properties) {
		this.root = properties.data().resolve("accounts");
	}

	/**
	 * The site's account, its files written if they are missing or differ; cheap when they are there.
	 * @throws IllegalArgumentException when the site id has no uid
	 */
	public SiteAccount ensure(long siteId) {
		int uid = SiteUsers.uid(siteId);
		Path dir = root.resolve(Long.toString(siteId));
		SiteAccount account = new SiteAccount(uid, dir.resolve("passwd"), dir.resolve("group"));
		try {
			directory(root);
			directory(dir);
			write(account.passwd(), passwd(uid));
			write(account.group(), group(uid));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the account files of site " + siteId, ex);
		}
		return account;
	}

	/** Removes the site's account files once nothing runs as it; nothing to do if there are none. */
	public void remove(long siteId) {
		try {
			FileSystemUtils.deleteRecursively(root.resolve(Long.toString(siteId)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove the account files of site " + siteId, ex);
		}
	}

	static String passwd(int uid) {
		return "root:x:0:0:root:/root:/bin/bash\n"
				+ "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
				+ "site:x:" + uid + ":" + uid + ":site:/site/.home:/bin/bash\n";
	}

	static String group(int uid) {
		return "root:x:0:\n" + "nogroup:x:65534:\n" + "site:x:" + uid + ":\n";
	}

	private static void directory(Path dir) throws IOException {
		try {
			Files.createDirectory(dir,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		}
		catch (FileAlreadyExistsException ex) {
			// Made before, or by a concurrent call.
		}
	}

	/**
	 * Writes a file whole beside its place and renames it there, so a container never mounts half of it. A running
	 * container keeps the file it mounted; the content for a uid never changes, so that one stays right.
	 */
	private static void write(Path file, String content) throws IOException {
		try {
			if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.readString(file).equals(content)) {
				return;
			}
		}
		catch (NoSuchFileException ex) {
			// Removed meanwhile: written below.
		}
		Path temporary = Files.createTempFile(file.getParent(), ".account-", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
