package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.disk.NoSuchSiteException;

/**
 * The one place where a caller's path is resolved inside a site: whitelisted first ({@link RelativePath}), then walked
 * folder by folder from the site's open directory with {@link SiteHandle}, which refuses any link and any way out.
 * What it answers holds the open folder of the entry, so no operation walks the path again and a folder swapped for a
 * link meanwhile cannot lead anywhere.
 */
@Component
class SitePaths {

	/** What an operation does with a link in the last segment. */
	enum LastLink {

		/** The operation reads, writes or lists through the last segment, so a link there is refused. */
		REFUSE,

		/** The operation acts on the link itself (delete, move), which never leads anywhere. */
		ITSELF

	}

	private final OrchestratorProperties properties;

	SitePaths(OrchestratorProperties properties) {
		this.properties = properties;
	}

	/**
	 * Resolves a caller's path inside a site; the caller closes what it answers.
	 * @param text the path relative to the site's root; null or empty for the root
	 * @throws RejectedInputException when the path is not acceptable or leads outside the site
	 * @throws NoSuchSiteException when the site does not exist
	 * @throws NoSuchEntryException when a folder on the way is not a folder, or cannot be read
	 */
	ConfinedPath resolve(long id, String text, LastLink lastLink) {
		RelativePath relative = RelativePath.parse(text);
		SiteHandle site = site(id);
		SiteHandle folder = site;
		try {
			List<String> segments = relative.segments();
			for (int i = 0; i < segments.size() - 1 && folder != null; i++) {
				SiteHandle next = next(folder, segments.get(i), relative, i);
				if (folder != site) {
					folder.close();
				}
				folder = next;
			}
			ConfinedPath path = new ConfinedPath(site, folder, relative);
			if (folder != null && !relative.isRoot() && lastLink == LastLink.REFUSE) {
				SiteAttributes last = folder.attributes(relative.name());
				if (last != null && last.isSymbolicLink()) {
					path.close();
					throw outside(relative);
				}
			}
			return path;
		}
		catch (IOException | RuntimeException ex) {
			if (folder != null && folder != site) {
				folder.close();
			}
			site.close();
			throw ex instanceof IOException ? new NoSuchEntryException("cannot read " + relative)
					: (RuntimeException) ex;
		}
	}

	/** The folder below, null if it does not exist; a link or anything else but a folder is refused. */
	private static SiteHandle next(SiteHandle folder, String name, RelativePath relative, int index)
			throws IOException {
		try {
			return folder.folder(name);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (NotDirectoryException ex) {
			RelativePath notFolder = new RelativePath(relative.segments().subList(0, index + 1));
			throw new NoSuchEntryException("no such folder: " + notFolder);
		}
		catch (FileSystemException ex) {
			if (SiteHandle.LINK_REFUSED.equals(ex.getReason())) {
				throw outside(relative);
			}
			throw ex;
		}
	}

	/** Opens the site's directory, which must be a real directory rather than a link. */
	private SiteHandle site(long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		try {
			return SiteHandle.openSite(properties.siteDir(id));
		}
		catch (IOException ex) {
			throw new NoSuchSiteException();
		}
	}

	/**
	 * The user and group that files the API makes for a site belong to: the user its processes and shells run as, so
	 * they may change what their owner made in the portal.
	 */
	int owner(long id) {
		return SiteUsers.uid(id);
	}

	private static RejectedInputException outside(RelativePath relative) {
		return new RejectedInputException(relative + " leads outside the site");
	}

}
