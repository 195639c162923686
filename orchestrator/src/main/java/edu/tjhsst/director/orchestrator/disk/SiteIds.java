package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The sites a {@code sites/} folder holds: its folders named by a site id; anything else there is not a site's. */
public final class SiteIds {

	private static final Pattern SITE_FOLDER = Pattern.compile("^[1-9][0-9]{0,18}$");

	private SiteIds() {
	}

	/** The ids, none when the folder does not exist. */
	public static List<Long> in(Path sites) throws IOException {
		List<Long> ids = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(sites)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (SITE_FOLDER.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					ids.add(Long.parseLong(name));
				}
			}
		}
		catch (NoSuchFileException ex) {
			return ids;
		}
		return ids;
	}

}
