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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.file.SiteFolders;
import edu.tjhsst.director.orchestrator.service.SiteServices;

/**
 * Each site's directory ({@code public/}, {@code private/}, {@code .home/}), readable by the appserver Nginx's
 * workers. Never overwrites what is there and never follows a link out of the site when deleting.
 */
@Component
class SiteFiles {

	private static final Logger log = LoggerFactory.getLogger(SiteFiles.class);

	private static final int DIRECTORY = 0755;

	private static final int FILE = 0644;

	/** Where a new site's {@code public/} is assembled before it appears whole. */
	private static final String NEW_PUBLIC = ".new-public";

	private final OrchestratorProperties properties;

	private final Template defaultIndex = compile("site/default-index.html.mustache");

	SiteFiles(OrchestratorProperties properties) {
		this.properties = properties;
	}

	/** Creates whatever of the site's directories is missing; a new site also gets a default index page. */
	void ensure(SiteSpec spec) {
		Path sites = properties.sitesDir();
		Path site = properties.siteDir(spec.id());
		try {
			// The data root and sites/ are the orchestrator's; inside a site, only names in open folders are used.
			if (!Files.isDirectory(sites)) {
				Files.createDirectory(sites);
				Files.setPosixFilePermissions(sites, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			SiteFolders.ensureFolder(sites, site.getFileName().toString(), DIRECTORY);
			SiteFolders.ensureFolder(site, "private", DIRECTORY);
			SiteFolders.ensureFolder(site, ".home", DIRECTORY);
			if (!SiteFolders.exists(site, "public")) {
				createPublic(site, spec.name());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare the files of site " + spec.id(), ex);
		}
	}

	/**
	 * Gives the site's own directories (not what they hold) to the user its process runs as, so it may write
	 * there; a link in their place is left alone.
	 */
	void handOver(long id, int uid) {
		Path site = properties.siteDir(id);
		for (Path dir : new Path[] { site, site.resolve("public"), site.resolve("private"), site.resolve(".home") }) {
			try {
				// By path, but the last name is never followed (lchown), and the folders above are not the site's.
				if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
						&& ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid
								|| (Integer) Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS) != uid)) {
					Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
					Files.setAttribute(dir, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot give " + dir + " to uid " + uid, ex);
			}
		}
	}

	/** Deletes the site's directory and everything in it by handle; links are removed, never followed. */
	void delete(long id) {
		Path site = properties.siteDir(id);
		try {
			if (Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
				SiteFolders.delete(properties.sitesDir(), site.getFileName().toString());
				log.info("deleted the files of site {}", id);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the files of site " + id, ex);
		}
	}

	/** Assembles {@code public/} with its index page aside and renames it into place, so it is never half made. */
	private void createPublic(Path site, String name) throws IOException {
		SiteFolders.delete(site, NEW_PUBLIC);
		SiteFolders.ensureFolder(site, NEW_PUBLIC, DIRECTORY);
		// Into the folder by handle: a link the site's process put in its place meanwhile is refused.
		SiteFolders.writeNewFile(site, NEW_PUBLIC, "index.html",
				defaultIndex.execute(Map.of("name", name)).getBytes(StandardCharsets.UTF_8), FILE,
				SiteServices.SITE_UID);
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
