package edu.tjhsst.director.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a platform holds, read behind its back to compare two platforms (one restored from the other's backup): the
 * rows of the manager's tables, a site's files, the rows of a site's database.
 */
final class PlatformState {

	/**
	 * The manager's tables of what people made: accounts, sites and their settings, operations, keys, databases,
	 * domains, certificates. Not Quartz's tables (its scheduler's own bookkeeping) nor the repairs (the reconciler
	 * writes them as it goes).
	 */
	private static final List<String> MANAGER_TABLES = List.of("users", "sites", "site_members", "operations", "actions",
			"site_env", "runtimes", "ssh_keys", "database_hosts", "site_databases", "custom_domains", "platform_settings",
			"certificates", "acme_accounts", "flyway_schema_history");

	private PlatformState() {
	}

	/** Each table's rows as JSON, in the order of their first column. */
	static Map<String, List<String>> managerRows(Platform platform) throws IOException, SQLException {
		// The manager's embedded PostgreSQL: on loopback, its port in its postmaster.pid, trusted from this machine.
		List<String> pid = Files.readAllLines(platform.data.resolve("postgres/postmaster.pid"));
		Map<String, List<String>> rows = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip()
				+ "/postgres", "postgres", ""); Statement statement = connection.createStatement()) {
			for (String table : MANAGER_TABLES) {
				rows.put(table, column(statement, "select row_to_json(t)::text from (select * from " + table
						+ " order by 1) t"));
			}
		}
		return rows;
	}

	/** The rows of the notes app's table in the site's database on the embedded PostgreSQL, counted as its admin. */
	static long postgresNotes(Platform platform, long siteId) throws IOException, SQLException {
		String password = Files.readString(platform.data.resolve("secrets/site-postgres.password")).strip();
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + platform.siteDatabasePort
				+ "/" + platform.siteDatabasePrefix + siteId, "postgres", password);
				Statement statement = connection.createStatement()) {
			return Long.parseLong(column(statement, "select count(*) from journey_notes").get(0));
		}
	}

	/** The same on the machine's MariaDB. */
	static long mysqlNotes(Platform platform, long siteId) throws SQLException {
		try (Connection connection = MachineMariadb.connect(platform.siteDatabasePrefix + siteId, MachineMariadb.USER,
				MachineMariadb.PASSWORD); Statement statement = connection.createStatement()) {
			return Long.parseLong(column(statement, "select count(*) from journey_notes").get(0));
		}
	}

	/**
	 * Every file, folder and link below a site's folder by its relative path: its kind, owner, mode and the SHA-256 of
	 * its content (or a link's target), and which other path it is a hard link of.
	 */
	static Map<String, String> siteFiles(Path folder) throws IOException {
		Map<String, String> files = new TreeMap<>();
		Map<Object, String> firstOfInode = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted().toList()) {
				String name = folder.relativize(path).toString();
				PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				String owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
						+ Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
				String mode = PosixFilePermissions.toString(attributes.permissions());
				String what;
				if (attributes.isSymbolicLink()) {
					what = "link to " + Files.readSymbolicLink(path);
				}
				else if (attributes.isDirectory()) {
					what = "folder";
				}
				else {
					what = "file " + sha256(Files.readAllBytes(path));
					String first = firstOfInode.putIfAbsent(attributes.fileKey(), name);
					if (first != null) {
						what += " hard link of " + first;
					}
				}
				files.put(name, what + " " + owner + " " + mode);
			}
		}
		return files;
	}

	private static List<String> column(Statement statement, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet result = statement.executeQuery(query)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
