package edu.tjhsst.director.manager.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * A copy of a site for its owner, as one zip: its files under {@code files/} (from the orchestrator's zip of its
 * folder), its database as {@code database.sql} when it has one, and a {@code README.txt} that says how to load it.
 */
final class SiteCopyZip {

	static final String FILES = "files/";

	static final String DATABASE = "database.sql";

	/** A dump holds whatever its site put in it, functions and triggers included, which run as whoever loads it. */
	private static final String AS_YOURSELF = "as a user of your own, not a server's administrator: what the site's"
			+ " functions and triggers do runs with the rights of whoever loads it.\n";

	private SiteCopyZip() {
	}

	/**
	 * Writes the copy; closes both inputs.
	 * @param files the orchestrator's zip of the site's folder
	 * @param dump the database's SQL, or null when the site has no database
	 * @param database how the site reaches that database, or null
	 */
	static void write(String siteName, InputStream files, InputStream dump, DatabaseAccess database, OutputStream out)
			throws IOException {
		try (files; dump; ZipInputStream folder = new ZipInputStream(files)) {
			ZipOutputStream zip = new ZipOutputStream(out);
			zip.putNextEntry(new ZipEntry("README.txt"));
			zip.write(readme(siteName, database).getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			for (ZipEntry entry = folder.getNextEntry(); entry != null; entry = folder.getNextEntry()) {
				ZipEntry copied = new ZipEntry(FILES + entry.getName());
				if (entry.getLastModifiedTime() != null) {
					copied.setLastModifiedTime(entry.getLastModifiedTime());
				}
				zip.putNextEntry(copied);
				folder.transferTo(zip);
				zip.closeEntry();
			}
			if (dump != null) {
				zip.putNextEntry(new ZipEntry(DATABASE));
				dump.transferTo(zip);
				zip.closeEntry();
			}
			zip.finish();
			zip.flush();
		}
	}

	static String readme(String siteName, DatabaseAccess database) {
		StringBuilder text = new StringBuilder();
		text.append("A copy of the site ").append(siteName).append(".\n\n");
		text.append("files/         everything in the site's folder (public/ is what it serves)\n");
		if (database == null) {
			text.append("\nThe site had no database.\n");
		}
		else if (database.engine() == DatabaseEngine.POSTGRESQL) {
			text.append("database.sql   its PostgreSQL database ").append(database.name())
				.append(", made by pg_dump\n\nLoad it into an empty database with:\n  psql -d <database> -f database.sql\n")
				.append(AS_YOURSELF);
		}
		else {
			text.append("database.sql   its MySQL database ").append(database.name())
				.append(", made by mariadb-dump\n\nLoad it into an empty database with:\n  mysql <database> < database.sql\n")
				.append(AS_YOURSELF);
		}
		return text.toString();
	}

}
