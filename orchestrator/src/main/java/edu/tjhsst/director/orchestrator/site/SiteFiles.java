package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Each site's directory ({@code public/}, {@code private/}, {@code .home/}), readable by the appserver Nginx's
 * workers. Never overwrites what is there and never follows a link out of the site when deleting.
 */
@Component
class SiteFiles {

	private static final Logger log = LoggerFactory.getLogger(SiteFiles.class);

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

	/** Where a new site's {@code public/} is assembled before it appears whole. */
	private static final String NEW_PUBLIC = ".new-public";

	private final OrchestratorProperties properties;

	private final Template defaultIndex = compile("site/default-index.html.mustache");

	SiteFiles(OrchestratorProperties properties) {
		this.properties = properties;
	}

	/** Creates whatever of the site's directories is missing; a new site also gets a default index page. */
	void ensure(SiteSpec spec) {
		Path site = properties.siteDir(spec.id());
		try {
			directory(properties.sitesDir());
			directory(site);
			directory(site.resolve("private"));
			directory(site.resolve(".home"));
			Path publicDir = site.resolve("public");
			if (!Files.exists(publicDir, LinkOption.NOFOLLOW_LINKS)) {
				createPublic(spec.id(), site, publicDir, spec.name());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare the files of site " + spec.id(), ex);
		}
	}

	/**
	 * Whether the site's folder is its own user's (uid and gid), which it is once {@link #handOver} has finished; a new
	 * site's folder, or one whose files still belong to the uid every site shared, is not.
	 */
	boolean ownedBySite(long id) {
		Path site = properties.siteDir(id);
		int uid = SiteUsers.uid(id);
		try {
			return Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS) && owner(site, "uid") == uid
					&& owner(site, "gid") == uid;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the owner of " + site, ex);
		}
	}

	/**
	 * Gives the site's own directories (not what they hold) to its user, which its process and shells run as, so it
	 * may write there; a link in their place is left alone. The first time, everything in the folder that belongs to
	 * the uid every site shared before moves to the site's user too, without following a link. That walk happens only
	 * while the folder itself is not yet the site's ({@link #ownedBySite}), which costs one stat when nothing needs
	 * changing.
	 */
	void handOver(long id) {
		int uid = SiteUsers.uid(id);
		Path site = properties.siteDir(id);
		try {
			if (Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS) && !ownedBySite(id)) {
				// The folder's group goes to root first and to the site's last, so that a walk cut short leaves the
				// folder unmarked and the next converge walks again.
				Files.setAttribute(site, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
				SharedUidMigration.migrate(site, uid);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot give the files of site " + id + " to uid " + uid, ex);
		}
		for (Path dir : new Path[] { site.resolve("public"), site.resolve("private"), site.resolve(".home"), site }) {
			try {
				if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
						&& (owner(dir, "uid") != uid || owner(dir, "gid") != uid)) {
					Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
					Files.setAttribute(dir, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot give " + dir + " to uid " + uid, ex);
			}
		}
	}

	private static int owner(Path file, String which) throws IOException {
		return (Integer) Files.getAttribute(file, "unix:" + which, LinkOption.NOFOLLOW_LINKS);
	}

	/** Deletes the site's directory and everything in it; links are removed, never followed. */
	void delete(long id) {
		Path site = properties.siteDir(id);
		try {
			if (Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
				deleteTree(site);
				log.info("deleted the files of site {}", id);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the files of site " + id, ex);
		}
	}

	/** Assembles {@code public/} with its index page aside and renames it into place, so it is never half made. */
	private void createPublic(long id, Path site, Path publicDir, String name) throws IOException {
		Path staging = site.resolve(NEW_PUBLIC);
		if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
			deleteTree(staging);
		}
		directory(staging);
		Path index = staging.resolve("index.html");
		Files.writeString(index, defaultIndex.execute(Map.of("name", name)), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(index, FILE);
		giveToSite(index, SiteUsers.uid(id));
		try {
			Files.move(staging, publicDir);
		}
		catch (FileAlreadyExistsException ex) {
			// Another request made it first; theirs stays.
			deleteTree(staging);
		}
	}

	/** Gives a file the site's user made no choice about to that user, when the orchestrator may (as root). */
	private static void giveToSite(Path file, int uid) {
		try {
			Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(file, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			log.debug("cannot give {} to the site's user: {}", file, ex.getMessage());
		}
	}

	private static void directory(Path dir) throws IOException {
		if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			Files.createDirectory(dir);
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.setPosixFilePermissions(dir, DIRECTORY);
	}

	private static void deleteTree(Path root) throws IOException {
		// Without FOLLOW_LINKS a link, the root included, is visited as a file and removed itself.
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
				if (failure != null) {
					throw failure;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	private static Template compile(String resource) {
		InputStream in = SiteFiles.class.getClassLoader().getResourceAsStream(resource);
		if (in == null) {
			throw new IllegalStateException("missing resource " + resource);
		}
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			// HTML-escaping on: the name is validated, but this is HTML.
			return Mustache.compiler().escapeHTML(true).compile(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
