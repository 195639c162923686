package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.disk.SiteDisks;
import edu.tjhsst.director.orchestrator.file.SiteFolders;

/**
 * Each site's directory ({@code public/}, {@code private/}, {@code .home/}), readable by the appserver Nginx's
 * workers. Never overwrites what is there and never follows a link out of the site when deleting.
 */
@Component
class SiteFiles {

	private static final Logger log = LoggerFactory.getLogger(SiteFiles.class);

	private static final int DIRECTORY = 0755;

	private static final int PRIVATE_DIRECTORY = 0700;

	private static final int FILE = 0644;

	/** Where a new site's {@code public/} is assembled before it appears whole. */
	private static final String NEW_PUBLIC = ".new-public";

	private final OrchestratorProperties properties;

	private final SiteDisks disks;

	private final Template defaultIndex = compile("site/default-index.html.mustache");

	SiteFiles(OrchestratorProperties properties, SiteDisks disks) {
		this.properties = properties;
		this.disks = disks;
	}

	/**
	 * Creates whatever of the site's directories is missing (a new site also gets a default index page) and holds its
	 * files to its disk limit.
	 * @return what was missing and made, each as a sentence
	 */
	List<String> ensure(SiteSpec spec) {
		List<String> made = new ArrayList<>();
		Path sites = properties.sitesDir();
		Path site = properties.siteDir(spec.id());
		try {
			// The data root and sites/ are the orchestrator's; inside a site, only names in open folders are used.
			if (!Files.isDirectory(sites)) {
				Files.createDirectory(sites);
				Files.setPosixFilePermissions(sites, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			// sites/ is the orchestrator's alone: nothing else makes a name there, so exists-then-create is safe.
			if (!Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
				made.add("The site's folder was missing; it was made again.");
				disks.createFolder(spec.id());
				Files.setPosixFilePermissions(site, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			SiteFolders.ensureFolder(sites, site.getFileName().toString(), DIRECTORY);
			// First, before anything the site's own files could make fail (a full disk, a link in a folder's place):
			// an administrator's new limit always applies.
			disks.limit(spec.id(), spec.limits().diskMiB());
			for (String folder : new String[] { "private", ".home" }) {
				// Only the site's own user needs them (its process, its shells, PHP); the appserver Nginx, which
				// reads every site's public/, has no business there. A folder from before, 755, is closed too.
				SiteFolders.ensureFolder(site, folder, PRIVATE_DIRECTORY);
				closeToOthers(site, folder, spec.id());
			}
			if (!SiteFolders.exists(site, "public")) {
				made.add("The site's public folder was missing; it was made again with a default page.");
				createPublic(site, spec.name(), SiteUsers.uid(spec.id()));
			}
			return made;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare the files of site " + spec.id(), ex);
		}
	}

	/**
	 * Gives a site's folder mode 700; what the site put in its place (a link, a file) is the site's business and left
	 * as it is, so that it cannot make its converges fail.
	 */
	private static void closeToOthers(Path site, String folder, long id) {
		try {
			SiteFolders.chmod(site, folder, PRIVATE_DIRECTORY);
		}
		catch (IOException ex) {
			log.info("left {} of site {} as it is: {}", folder, id, ex.getMessage());
		}
	}

	/**
	 * Moves the site's folder out of the way within the sites' volume, under a hidden name no site has
	 * ({@code .retired-<id>-<epoch second>}), which nothing serves, mounts or converges.
	 * @return the new name, or empty when the site has no folder
	 */
	Optional<String> setAside(long id) {
		Path site = properties.siteDir(id);
		if (!Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		String name = ".retired-" + id + "-" + Instant.now().getEpochSecond();
		try {
			// sites/ is the orchestrator's alone: no site can put a name there, so the move cannot be redirected.
			Files.move(site, properties.sitesDir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
			return Optional.of(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot set the files of site " + id + " aside", ex);
		}
	}

	/** Whether the site has a folder here (or something in its place). */
	boolean hasFolder(long id) {
		return Files.exists(properties.siteDir(id), LinkOption.NOFOLLOW_LINKS);
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
	 * changing, and never in a folder the caller has just made, which holds nothing of that uid (two programs a new
	 * site saved: 10,000 new sites are 20,000 fewer).
	 * @param madeNow whether the caller's {@link #ensure} has just made the site's folder
	 */
	void handOver(long id, boolean madeNow) {
		int uid = SiteUsers.uid(id);
		Path site = properties.siteDir(id);
		try {
			if (!madeNow && Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS) && !ownedBySite(id)) {
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
				// By path, but the last name is never followed (lchown), and the folders above are not the site's.
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

	/** Deletes the site's directory and everything in it by handle; links are removed, never followed. */
	void delete(long id) {
		Path site = properties.siteDir(id);
		try {
			if (Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
				if (!disks.deleteSubvolume(id)) {
					SiteFolders.delete(properties.sitesDir(), site.getFileName().toString());
				}
				log.info("deleted the files of site {}", id);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the files of site " + id, ex);
		}
	}

	/** Assembles {@code public/} with its index page aside and renames it into place, so it is never half made. */
	private void createPublic(Path site, String name, int uid) throws IOException {
		SiteFolders.delete(site, NEW_PUBLIC);
		SiteFolders.ensureFolder(site, NEW_PUBLIC, DIRECTORY);
		// Into the folder by handle: a link the site's process put in its place meanwhile is refused.
		SiteFolders.writeNewFile(site, NEW_PUBLIC, "index.html",
				defaultIndex.execute(Map.of("name", name)).getBytes(StandardCharsets.UTF_8), FILE, uid);
		if (!SiteFolders.renameUnlessTaken(site, NEW_PUBLIC, "public")) {
			// Another request made it first; theirs stays.
			SiteFolders.delete(site, NEW_PUBLIC);
		}
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
