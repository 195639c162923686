package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.system.SecretBox;

/**
 * The embedded PostgreSQL for sites: who its pg_hba.conf lets in from where, its superuser's password across
 * restarts, and its registration as a database host in the manager's database.
 */
@SlowTest
class EmbeddedSiteDatabaseServerTests {

	/** The manager's own database with its tables, where the host is registered. */
	static EmbeddedPostgres managers;

	static JdbcClient jdbc;

	static DatabaseHostRepository hosts;

	@TempDir
	static Path managerData;

	@TempDir
	Path data;

	int port = TestDatabases.freePort();

	EmbeddedSiteDatabaseServer server;

	@BeforeAll
	static void startTheManagersDatabase() throws IOException {
		managers = EmbeddedPostgres.builder().setDataDirectory(managerData.resolve("postgres")).start();
		Flyway.configure().dataSource(managers.getPostgresDatabase()).load().migrate();
		jdbc = JdbcClient.create(managers.getPostgresDatabase());
		hosts = new DatabaseHostRepository(jdbc, new SecretBox("a test key of at least sixteen characters"));
	}

	@AfterAll
	static void stopTheManagersDatabase() throws IOException {
		if (managers != null) {
			managers.close();
		}
	}

	@BeforeEach
	@AfterEach
	void forgetHosts() {
		jdbc.sql("delete from database_hosts").update();
	}

	@AfterEach
	void stop() throws IOException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void theFirstStartRegistersOneEnabledEmbeddedHostWithItsPasswordEncrypted() {
		start("", "172.17.0.1");

		long id = register("172.17.0.1");

		assertThat(hosts.findAll()).singleElement().satisfies(host -> {
			assertThat(host.id()).isEqualTo(id);
			assertThat(host.name()).isEqualTo("Embedded PostgreSQL");
			assertThat(host.engine()).isEqualTo(DatabaseEngine.POSTGRESQL);
			assertThat(host.adminHost()).isEqualTo("127.0.0.1");
			assertThat(host.adminPort()).isEqualTo(port);
			assertThat(host.adminUsername()).isEqualTo("postgres");
			assertThat(host.adminPassword()).isEqualTo(server.adminPassword());
			assertThat(host.sitesHost()).isEqualTo("172.17.0.1");
			assertThat(host.sitesPort()).isEqualTo(port);
			assertThat(host.embedded()).isTrue();
			assertThat(host.enabled()).isTrue();
		});
		String stored = jdbc.sql("select admin_password from database_hosts").query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(server.adminPassword());
		assertThat(new PostgresAdmin().check(hosts.findEmbedded().orElseThrow())).startsWith("PostgreSQL 17");
	}

	@Test
	void anotherHostWithTheNameMakesTheEmbeddedOneTakeALongerName() {
		hosts.create(new DatabaseHost(0, "Embedded PostgreSQL", DatabaseEngine.MYSQL, "127.0.0.1", 3306, "root",
				"secret", "127.0.0.1", 3306, false, true));
		start("", "172.17.0.1");

		register("172.17.0.1");

		assertThat(hosts.findEmbedded().orElseThrow().name()).isEqualTo("Embedded PostgreSQL (sites)");
		assertThat(hosts.findAll()).hasSize(2);
	}

	@Test
	void aRestartKeepsThePasswordAndTheOneHost() throws IOException {
		start("", "172.17.0.1");
		long id = register("172.17.0.1");
		String password = server.adminPassword();
		server.close();

		start("", "172.17.0.1");
		register("172.17.0.1");

		assertThat(server.adminPassword()).isEqualTo(password);
		assertThat(hosts.findAll()).singleElement().satisfies(host -> assertThat(host.id()).isEqualTo(id));
		assertThat(new PostgresAdmin().check(hosts.findEmbedded().orElseThrow())).startsWith("PostgreSQL 17");
	}

	@Test
	void aRestartWithOtherSettingsUpdatesTheHostButKeepsItDisabled() throws IOException {
		start("", "172.17.0.1");
		register("172.17.0.1");
		DatabaseHost first = hosts.findEmbedded().orElseThrow();
		hosts.update(new DatabaseHost(first.id(), first.name(), first.engine(), first.adminHost(), first.adminPort(),
				first.adminUsername(), first.adminPassword(), first.sitesHost(), first.sitesPort(), true, false));
		server.close();

		port = TestDatabases.freePort();
		start("", "172.18.0.1");
		register("172.18.0.1");

		assertThat(hosts.findAll()).singleElement().satisfies(host -> {
			assertThat(host.adminPort()).isEqualTo(port);
			assertThat(host.sitesPort()).isEqualTo(port);
			assertThat(host.sitesHost()).isEqualTo("172.18.0.1");
			assertThat(host.enabled()).isFalse();
		});
		assertThat(new PostgresAdmin().check(hosts.findEmbedded().orElseThrow())).startsWith("PostgreSQL 17");
	}

	@Test
	void aLostPasswordFileGivesTheSuperuserANewPasswordWhichTheHostGets() throws IOException {
		start("", "172.17.0.1");
		register("172.17.0.1");
		String old = server.adminPassword();
		server.close();
		Files.delete(data.resolve("secrets/site-postgres.password"));

		start("", "172.17.0.1");
		register("172.17.0.1");

		assertThat(server.adminPassword()).isNotEqualTo(old);
		assertThat(hosts.findEmbedded().orElseThrow().adminPassword()).isEqualTo(server.adminPassword());
		assertThatThrownBy(() -> Jdbc.postgres("127.0.0.1", port, "postgres", "postgres", old, 30).close())
			.hasMessageContaining("password authentication failed");
	}

	@Test
	void thePasswordFileIsReadableByItsOwnerOnly() throws IOException {
		start("", "172.17.0.1");

		assertThat(Files.getPosixFilePermissions(data.resolve("secrets/site-postgres.password")))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.readString(data.resolve("secrets/site-postgres.password")).strip())
			.isEqualTo(server.adminPassword());
	}

	@Test
	void onAnotherAddressSitesRolesGetInButTheSuperuserIsRejected() throws SQLException, IOException {
		String address = nonLoopbackAddress();
		start(address, address);
		DatabaseHost host = TestDatabases.postgresHost(server);
		PostgresAdmin admin = new PostgresAdmin();
		String name = "site_1";
		String password = new DatabaseNames("site_").newPassword();
		admin.ensureDatabase(host, name, name, password);

		try (Connection connection = Jdbc.postgres(address, port, name, name, password, 30)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThatThrownBy(() -> Jdbc.postgres(address, port, "postgres", "postgres", server.adminPassword(), 30)
			.close()).hasMessageContaining("pg_hba.conf rejects connection");
		assertThatThrownBy(() -> Jdbc.postgres(address, port, "postgres", name, password, 30).close())
			.hasMessageContaining("no pg_hba.conf entry");
	}

	@Test
	void listenAddressesAreLoopbackAndWhatIsConfiguredAndNothingElse() {
		assertThat(EmbeddedSiteDatabaseServer.listenAddresses("")).containsExactly("127.0.0.1");
		assertThat(EmbeddedSiteDatabaseServer.listenAddresses(" 172.17.0.1, ,db.example.org,127.0.0.1"))
			.containsExactly("127.0.0.1", "172.17.0.1", "db.example.org");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedSiteDatabaseServer.listenAddresses("172.17.0.1 -c ssl=off"))
			.withMessageContaining("DIRECTOR_SITE_DATABASE_LISTEN");
	}

	private void start(String listen, String sitesHost) {
		server = new EmbeddedSiteDatabaseServer(TestDatabases.properties(data, port, listen, sitesHost, 10, 500));
		server.start();
	}

	private long register(String sitesHost) {
		return new EmbeddedSiteDatabaseRegistration(server, hosts,
				TestDatabases.properties(data, port, "", sitesHost, 10, 500)).register();
	}

	/** One of this machine's own IPv4 addresses that is not loopback, such as the Docker bridge's gateway. */
	private static String nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address) {
					return address.getHostAddress();
				}
			}
		}
		throw new AssertionError("this test needs a non-loopback IPv4 address on the machine; found none");
	}

}
