package edu.tjhsst.director.manager.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.system.OrphanPostgres;

/**
 * The PostgreSQL the manager runs for sites' databases (not its own), with its files in {@code <data>/site-postgres}.
 * Its pg_hba.conf lets a site's role connect only to the database of the same name, with SCRAM, from anywhere it
 * listens; the superuser {@code postgres} only from loopback, with its password (kept in
 * {@code <data>/secrets/site-postgres.password}, mode 600), and never from elsewhere.
 */
@Component
@ConditionalOnProperty(name = "director.site-databases.embedded", havingValue = "true")
class EmbeddedSiteDatabaseServer implements InitializingBean, DisposableBean {

	static final String ADMIN = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSiteDatabaseServer.class);

	private final Path directory;

	private final Path passwordFile;

	private final int port;

	private final List<String> listenAddresses;

	private volatile EmbeddedPostgres server;

	private volatile String password;

	EmbeddedSiteDatabaseServer(DirectorProperties properties) {
		this.directory = properties.data().resolve("site-postgres");
		this.passwordFile = properties.data().resolve("secrets").resolve("site-postgres.password");
		this.port = properties.siteDatabases().embeddedPort();
		this.listenAddresses = listenAddresses(properties.siteDatabases().listenAddresses());
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("DIRECTOR_SITE_DATABASE_PORT must be between 1 and 65535; it is " + port);
		}
	}

	/** 127.0.0.1 and the configured addresses, each an IPv4 address or a host name (they reach a command line). */
	static List<String> listenAddresses(String configured) {
		Set<String> addresses = new LinkedHashSet<>();
		addresses.add("127.0.0.1");
		if (configured != null) {
			for (String address : configured.split(",")) {
				String trimmed = address.strip();
				if (trimmed.isEmpty()) {
					continue;
				}
				if (!"*".equals(trimmed) && !DatabaseAccess.isHost(trimmed)) {
					throw new IllegalArgumentException("DIRECTOR_SITE_DATABASE_LISTEN must be IPv4 addresses or host names,"
							+ " comma-separated; \"" + trimmed + "\" is neither");
				}
				addresses.add(trimmed);
			}
		}
		return List.copyOf(addresses);
	}

	@Override
	public void afterPropertiesSet() {
		start();
	}

	@Override
	public void destroy() throws IOException {
		close();
	}

	/**
	 * Starts the server. The first time (or when the password file was lost) the superuser is trusted from loopback
	 * only until it has been given a new random password; then pg_hba.conf requires it and the server reloads it.
	 */
	synchronized void start() {
		if (server != null) {
			return;
		}
		try {
			Files.createDirectories(directory.getParent());
			boolean bootstrap = !Files.exists(directory.resolve("postgresql.conf")) || !Files.exists(passwordFile);
			String known = bootstrap ? null : Files.readString(passwordFile).strip();
			OrphanPostgres.stop(directory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setPort(port)
				// Students' data: durable as the manager's own (zonky's -F comes first and is overridden).
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("listen_addresses", String.join(",", listenAddresses))
				.setServerConfig("password_encryption", "scram-sha-256")
				.setDataDirectoryCustomizer(data -> writeHba(data, bootstrap));
			if (!bootstrap) {
				// zonky's readiness check connects as postgres to localhost; it needs the password from now on.
				builder.setConnectConfig("password", known);
			}
			EmbeddedPostgres started = builder.start();
			try {
				String adminPassword = bootstrap ? secure(started) : known;
				try (Connection connection = connect(adminPassword); Statement statement = connection.createStatement()) {
					statement.execute("revoke connect on database postgres from public");
					statement.execute("revoke connect on database template1 from public");
				}
				this.password = adminPassword;
				this.server = started;
			}
			catch (SQLException | IOException | RuntimeException ex) {
				started.close();
				throw ex;
			}
			log.info("embedded PostgreSQL for sites' databases started on port {}, listening on {}, with its files in {}",
					port, String.join(", ", listenAddresses), directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the embedded PostgreSQL for sites in " + directory, ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot set up the embedded PostgreSQL for sites: " + ex.getMessage(), ex);
		}
	}

	/** Gives the superuser a new random password, stores it, and makes pg_hba.conf require it. */
	private String secure(EmbeddedPostgres started) throws SQLException, IOException {
		String newPassword = new DatabaseNames("x").newPassword();
		Path partial = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
		Files.createDirectories(passwordFile.getParent());
		Files.deleteIfExists(partial);
		Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(partial, newPassword);
		try (Connection connection = connect("")) {
			connection.unwrap(PGConnection.class).alterUserPassword(ADMIN, newPassword.toCharArray(), "scram-sha-256");
		}
		Files.move(partial, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		writeHba(directory.toFile(), false);
		try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
			statement.execute("select pg_reload_conf()");
		}
		log.info("gave the embedded PostgreSQL for sites' superuser a new password, kept in {}", passwordFile);
		return newPassword;
	}

	/**
	 * Who may connect: the superuser from loopback only (trusted while it has no password yet), and each other role
	 * only to the database named like it, with SCRAM.
	 */
	static void writeHba(File data, boolean trustAdmin) {
		String admin = trustAdmin ? "trust" : "scram-sha-256";
		List<String> lines = new ArrayList<>();
		lines.add("# Written by Director on every start; changes here are lost.");
		lines.add("# The superuser: from this machine only.");
		lines.add("local   all       postgres                 " + admin);
		lines.add("host    all       postgres  127.0.0.1/32   " + admin);
		lines.add("host    all       postgres  ::1/128        " + admin);
		lines.add("host    all       postgres  all            reject");
		lines.add("# A site's role: its own database only, from anywhere the server listens.");
		lines.add("local   sameuser  all                      scram-sha-256");
		lines.add("host    sameuser  all       all            scram-sha-256");
		try {
			Path file = data.toPath().resolve("pg_hba.conf");
			Path partial = data.toPath().resolve("pg_hba.conf.new");
			Files.write(partial, lines);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write pg_hba.conf in " + data, ex);
		}
	}

	private Connection connect(String adminPassword) throws SQLException {
		return Jdbc.postgres("127.0.0.1", port, "postgres", ADMIN, adminPassword, Jdbc.SOCKET_TIMEOUT_SECONDS);
	}

	/** Stops the server; its files stay. */
	synchronized void close() throws IOException {
		if (server != null) {
			server.close();
			server = null;
			log.info("embedded PostgreSQL for sites' databases stopped");
		}
	}

	int port() {
		return port;
	}

	/** The superuser's password (never logged). */
	String adminPassword() {
		if (password == null) {
			throw new IllegalStateException("the embedded PostgreSQL for sites has not started");
		}
		return password;
	}

	@Override
	public String toString() {
		return "EmbeddedSiteDatabaseServer[port " + port + ", " + directory + "]";
	}

}
