package edu.tjhsst.director.orchestrator;

import edu.tjhsst.director.common.testing.DockerTest;

import static edu.tjhsst.director.orchestrator.DockerCommands.docker;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.inspect;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * A dynamic site whose spec has a database: its process gets {@code DATABASE_URL} and the {@code DIRECTOR_DATABASE_*}
 * variables, reaches a real PostgreSQL on the Docker bridge's gateway from the sites' overlay network, and loses the
 * variables when the spec drops the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class DatabaseSiteDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("db-", "orchestrator-database-", 3_900_000,
			"director/runtime-python:3", "director/dbtools:1");

	private static final Path DATA = SWARM.data();

	private static final long BASE_ID = SWARM.baseId();

	private static final String ROLE = "site_" + BASE_ID;

	private static final String PASSWORD = "Pw" + Long.toString(System.nanoTime(), 36) + "x0123456789";

	/** Where site containers reach this machine: sites on the overlay network go out through it as well. */
	private static String gateway;

	private static EmbeddedPostgres postgres;

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
	}

	/**
	 * A PostgreSQL listening on loopback (for the test's own administration) and on the bridge's gateway (for the
	 * site), which takes passwords from anywhere and trusts only its superuser on loopback.
	 */
	@BeforeAll
	static void startPostgres() throws Exception {
		gateway = bridgeGateway();
		Path hba = Files.createTempFile("director-site-db-hba", ".conf");
		Files.writeString(hba, """
				host all postgres 127.0.0.1/32 trust
				host all all 0.0.0.0/0 scram-sha-256
				""");
		postgres = EmbeddedPostgres.builder()
			.setPort(TestHttp.freePort())
			.setServerConfig("listen_addresses", "127.0.0.1," + gateway)
			.setServerConfig("hba_file", hba.toString())
			.setServerConfig("password_encryption", "scram-sha-256")
			.start();
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
			statement.execute("CREATE DATABASE " + ROLE + " OWNER " + ROLE);
		}
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void aPythonSiteWritesAndReadsARowThroughItsDatabaseUrlAndLosesTheVariablesWhenTheDatabaseGoes() throws Exception {
		long id = BASE_ID + 1;
		String host = "dbsite-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site);
		Files.writeString(site.resolve("app.py"), """
				import http.server, os
				class Handler(http.server.BaseHTTPRequestHandler):
				    def do_GET(self):
				        url = os.environ.get("DATABASE_URL")
				        if not url:
				            body = "no DATABASE_URL"
				        else:
				            import psycopg2
				            try:
				                conn = psycopg2.connect(url)
				                with conn, conn.cursor() as cur:
				                    cur.execute("create table if not exists notes (id serial primary key, note text)")
				                    cur.execute("insert into notes (note) values (%s) returning id, note",
				                                ("written by " + os.environ["DIRECTOR_SITE_NAME"],))
				                    row = cur.fetchone()
				                conn.close()
				                body = "row %d: %s" % row
				            except Exception as e:
				                body = "database error: %s" % e
				        data = body.encode()
				        self.send_response(200)
				        self.send_header("Content-Type", "text/plain")
				        self.send_header("Content-Length", str(len(data)))
				        self.end_headers()
				        self.wfile.write(data)
				http.server.ThreadingHTTPServer((os.environ["HOST"], int(os.environ["PORT"])), Handler).serve_forever()
				""");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "type=$DIRECTOR_DATABASE_TYPE host=$DIRECTOR_DATABASE_HOST port=$DIRECTOR_DATABASE_PORT\
				 name=$DIRECTOR_DATABASE_NAME user=$DIRECTOR_DATABASE_USERNAME password=${#DIRECTOR_DATABASE_PASSWORD}"
				exec python3 app.py
				""");
		int databasePort = postgres.getPort();
		String database = "{\"engine\":\"POSTGRESQL\",\"host\":\"" + gateway + "\",\"port\":" + databasePort
				+ ",\"name\":\"" + ROLE + "\",\"username\":\"" + ROLE + "\",\"password\":\"" + PASSWORD + "\"}";
		// An owner's own DATABASE_URL gives way to the platform's.
		String withDatabase = spec(id, host, "\"env\":{\"DATABASE_URL\":\"sqlite:///mine.db\"},\"database\":"
				+ database);
		try {
			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, withDatabase);
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);

			TestHttp.Response page = SWARM.awaitPage(host, response -> response.body().startsWith("row "));
			assertThat(page.body()).isEqualTo("row 1: written by dbsite");
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body())
				.isEqualTo("row 2: written by dbsite");
			try (Connection connection = DriverManager.getConnection(
					"jdbc:postgresql://" + gateway + ":" + databasePort + "/" + ROLE, ROLE, PASSWORD);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT n.note, pg_get_userbyid(c.relowner) FROM notes n, pg_class c"
									+ " WHERE c.relname = 'notes' ORDER BY n.id")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("written by dbsite");
				assertThat(rows.getString(2)).as("the table's owner").isEqualTo(ROLE);
			}

			assertThat(awaitLog(http, id, 20, "type="))
				.contains("type=postgresql host=" + gateway + " port=" + databasePort + " name=" + ROLE + " user="
						+ ROLE + " password=" + PASSWORD.length());
			Map<String, String> env = environment("site_" + id);
			assertThat(env).containsEntry("DATABASE_URL",
					"postgres://" + ROLE + ":" + PASSWORD + "@" + gateway + ":" + databasePort + "/" + ROLE)
				.containsEntry("DIRECTOR_DATABASE_TYPE", "postgresql")
				.containsEntry("DIRECTOR_DATABASE_HOST", gateway)
				.containsEntry("DIRECTOR_DATABASE_PORT", Integer.toString(databasePort))
				.containsEntry("DIRECTOR_DATABASE_NAME", ROLE)
				.containsEntry("DIRECTOR_DATABASE_USERNAME", ROLE)
				.containsEntry("DIRECTOR_DATABASE_PASSWORD", PASSWORD);

			TestHttp.Response dropped = http.signed("PUT", "/sites/" + id, spec(id, host, "\"database\":null"));
			assertThat(dropped.status()).as(dropped.body()).isEqualTo(200);

			assertThat(SWARM.awaitPage(host, response -> response.body().equals("no DATABASE_URL")).body())
				.isEqualTo("no DATABASE_URL");
			assertThat(environment("site_" + id).keySet()).as("variables after the database went")
				.noneMatch(name -> name.equals("DATABASE_URL") || name.startsWith("DIRECTOR_DATABASE_"));
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aSitesDatabaseIsDumpedWithItsOwnCredentialsAndAWrongPasswordGetsTheServersRefusal() throws Exception {
		long id = BASE_ID + 3;
		String database = "{\"engine\":\"POSTGRESQL\",\"host\":\"" + gateway + "\",\"port\":" + postgres.getPort()
				+ ",\"name\":\"" + ROLE + "\",\"username\":\"" + ROLE + "\",\"password\":\"" + PASSWORD + "\"}";
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + ROLE, ROLE, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE dumped (id int primary key, note text)");
			statement.execute("INSERT INTO dumped VALUES (1, 'kept in the dump')");
		}
		try {
			TestHttp.Response dump = http.signed("POST", "/sites/" + id + "/database/dump", database);

			assertThat(dump.status()).as(dump.body()).isEqualTo(200);
			assertThat(dump.body()).contains("PostgreSQL database dump").contains("CREATE TABLE public.dumped")
				.contains("kept in the dump").doesNotContain(PASSWORD).doesNotContain("OWNER TO");

			TestHttp.Response refused = http.signed("POST", "/sites/" + id + "/database/dump",
					database.replace(PASSWORD, "Wrong" + PASSWORD.substring(5)));
			assertThat(refused.status()).isEqualTo(502);
			assertThat(refused.body()).contains("the database server did not give the dump")
				.contains("password authentication failed").doesNotContain(PASSWORD);
			// The tool's containers are gone once it has answered.
			assertThat(DockerCommands.output(DockerCommands.DOCKER, "ps", "-aq", "--filter", "label=director.role=dump",
					"--filter", "label=director.site=" + id).strip()).isEmpty();
		}
		finally {
			try (Connection admin = admin(); Statement statement = admin.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS dumped");
			}
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aSpecWithAnInvalidDatabaseIsRefusedBeforeAnythingChanges() {
		long id = BASE_ID + 2;
		TestHttp.Response response = http.signed("PUT", "/sites/" + id, spec(id, "bad-" + id + ".sites.localhost",
				"\"database\":{\"engine\":\"POSTGRESQL\",\"host\":\"db;rm -rf /\",\"port\":5432,\"name\":\"x\","
						+ "\"username\":\"Robert'); DROP TABLE students;--\",\"password\":\"short\"}"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("database.host must be a host name or an IPv4 address")
			.contains("database.username must be lowercase letters")
			.contains("database.password must be 16 to 64 letters and digits")
			.doesNotContain("short");
		assertThat(DATA.resolve("sites/" + id)).doesNotExist();
		assertThat(DockerCommands.serviceExists("site_" + id)).isFalse();
	}

	private static String spec(long id, String host, String extra) {
		return "{\"id\":" + id + ",\"name\":\"dbsite\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\"," + extra + "}";
	}

	/** The service's environment as its containers get it. */
	private static Map<String, String> environment(String service) throws Exception {
		JsonNode env = inspect(service).at("/Spec/TaskTemplate/ContainerSpec/Env");
		Map<String, String> variables = new LinkedHashMap<>();
		env.forEach(entry -> {
			String text = entry.asText();
			int equals = text.indexOf('=');
			variables.put(text.substring(0, equals), text.substring(equals + 1));
		});
		return variables;
	}

	private static Connection admin() throws Exception {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
				"postgres", "");
	}

	/**
	 * The Docker bridge's gateway address. Docker 20.10 leaves the default bridge's IPAM gateway empty, so the address
	 * of the bridge's interface (docker0) is taken then.
	 */
	static String bridgeGateway() throws IOException {
		try (DockerClient docker = docker()) {
			Network bridge = docker.inspectNetworkCmd().withNetworkId("bridge").exec();
			for (Network.Ipam.Config config : bridge.getIpam().getConfig()) {
				if (config.getGateway() != null && !config.getGateway().isBlank()) {
					return config.getGateway();
				}
			}
			String name = bridge.getOptions().getOrDefault("com.docker.network.bridge.name", "docker0");
			NetworkInterface nic = NetworkInterface.getByName(name);
			assertThat(nic).as("the bridge's interface " + name).isNotNull();
			List<InetAddress> addresses = new ArrayList<>(Collections.list(nic.getInetAddresses()));
			return addresses.stream()
				.filter(Inet4Address.class::isInstance)
				.map(InetAddress::getHostAddress)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the bridge " + name + " has no IPv4 address"));
		}
	}

}
