package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.api.BadRequestException;
import edu.tjhsst.director.orchestrator.api.NotFoundException;

/**
 * The one place where a caller's path becomes a file-system path: whitelisted first, then resolved against the site's
 * directory segment by segment without following any link, then confirmed by the real path of its folder.
 *
 * <p>Java has no {@code openat} for whole paths, so a folder on the way that a concurrent process swaps for a link
 * between these checks and the operation is a known residual race. Operations narrow it by acting on the last step
 * through the open parent folder with {@code O_NOFOLLOW} where Java allows ({@link TreeWalker},
 * {@link ConfinedPath#openParent()}); only the folders above that are resolved by path again. Site processes do not yet
 * run with write access under another uid; once they do, this deserves a per-segment {@code openat} walk.
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
	 * Resolves a caller's path inside a site.
	 * @param text the path relative to the site's root; null or empty for the root
	 * @throws BadRequestException when the path is not acceptable or leads outside the site
	 * @throws NotFoundException when the site does not exist, or a folder on the way is not a folder
	 */
	ConfinedPath resolve(long id, String text, LastLink lastLink) {
		RelativePath relative = RelativePath.parse(text);
		Path site = site(id);
		Path current = site;
		Path deepestFolder = site;
		boolean exists = true;
		for (int i = 0; i < relative.segments().size(); i++) {
			boolean last = i == relative.segments().size() - 1;
			current = child(current, relative.segments().get(i), relative);
			if (!exists) {
				continue;
			}
			BasicFileAttributes attributes = attributes(current);
			if (attributes == null) {
				exists = false;
			}
			else if (attributes.isSymbolicLink() && !(last && lastLink == LastLink.ITSELF)) {
				throw outside(relative);
			}
			else if (!last && !attributes.isDirectory()) {
				throw new NotFoundException("no such folder: " + new RelativePath(relative.segments().subList(0, i + 1)));
			}
			else if (!last) {
				deepestFolder = current;
			}
		}
		confirmInside(site, deepestFolder, relative);
		return new ConfinedPath(site, relative, current);
	}

	/** The site's directory, which must be a real directory rather than a link. */
	Path site(long id) {
		if (id <= 0) {
			throw new BadRequestException("id must be positive");
		}
		Path site = properties.siteDir(id);
		if (!Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS)) {
			throw new NotFoundException("no such site");
		}
		return site;
	}

	private static Path child(Path parent, String segment, RelativePath relative) {
		try {
			Path child = parent.resolve(segment);
			// A name the platform reads differently (it should not, after the whitelist) must not change the path.
			if (!child.getParent().equals(parent) || !child.getFileName().toString().equals(segment)) {
				throw new BadRequestException("not an acceptable path: " + relative);
			}
			return child;
		}
		catch (InvalidPathException ex) {
			throw new BadRequestException("not an acceptable path: " + relative + " (not a valid file name here)");
		}
	}

	private static BasicFileAttributes attributes(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new NotFoundException("cannot read " + path.getFileName());
		}
	}

	/** Confirms with the operating system's own resolution that the deepest existing folder lies in the site. */
	private static void confirmInside(Path site, Path folder, RelativePath relative) {
		try {
			Path realSite = site.toRealPath();
			if (!folder.toRealPath().startsWith(realSite)) {
				throw outside(relative);
			}
		}
		catch (IOException ex) {
			// It vanished between the checks; whatever the caller wanted is not there.
			throw new NotFoundException("no such folder: " + relative.parent());
		}
	}

	private static BadRequestException outside(RelativePath relative) {
		return new BadRequestException(relative + " leads outside the site");
	}

}
