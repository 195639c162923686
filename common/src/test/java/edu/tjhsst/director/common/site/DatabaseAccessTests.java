package edu.tjhsst.director.common.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A site's database access makes the URL and variables frameworks expect, and refuses anything unsafe to pass on. */
class DatabaseAccessTests {

	private static final String PASSWORD = "Abc123def456GHI789jkl012";

	@Test
	void aPostgresqlAccessMakesAPostgresUrlAndTheDirectorVariablesInOrder() {
		DatabaseAccess access = postgres("172.17.0.1", 5432, "director_site_7", "director_site_7", PASSWORD);

		assertThat(access.problems()).isEmpty();
		assertThat(access.url())
			.isEqualTo("postgres://director_site_7:" + PASSWORD + "@172.17.0.1:5432/director_site_7");
		assertThat(access.env()).containsExactly(
				entry("DATABASE_URL", "postgres://director_site_7:" + PASSWORD + "@172.17.0.1:5432/director_site_7"),
				entry("DIRECTOR_DATABASE_TYPE", "postgresql"), entry("DIRECTOR_DATABASE_HOST", "172.17.0.1"),
				entry("DIRECTOR_DATABASE_PORT", "5432"), entry("DIRECTOR_DATABASE_NAME", "director_site_7"),
				entry("DIRECTOR_DATABASE_USERNAME", "director_site_7"), entry("DIRECTOR_DATABASE_PASSWORD", PASSWORD));
	}

	@Test
	void aMysqlAccessMakesAMysqlUrlAndSaysMysql() {
		DatabaseAccess access = new DatabaseAccess(DatabaseEngine.MYSQL, "db.example.org", 3307, "site_9", "site_9",
				PASSWORD);

		assertThat(access.problems()).isEmpty();
		assertThat(access.url()).isEqualTo("mysql://site_9:" + PASSWORD + "@db.example.org:3307/site_9");
		assertThat(access.env()).containsEntry("DIRECTOR_DATABASE_TYPE", "mysql")
			.containsEntry("DIRECTOR_DATABASE_PORT", "3307")
			.containsEntry("DATABASE_URL", access.url());
	}

	@Test
	void theMaskedUrlAndToStringHideThePassword() {
		DatabaseAccess access = postgres("localhost", 5432, "site_1", "site_1", PASSWORD);

		assertThat(access.maskedUrl()).isEqualTo("postgres://site_1:********@localhost:5432/site_1");
		assertThat(access.toString()).doesNotContain(PASSWORD).contains("********").contains("site_1");
	}

	@Test
	void aMissingEngineIsReported() {
		assertThat(new DatabaseAccess(null, "localhost", 5432, "site_1", "site_1", PASSWORD).problems())
			.containsExactly("database.engine is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "256.1.1.1", "1.2.3.4:5432", "Upper.example.org", "bad_host", "a host",
			"host;rm -rf /", "evil.example.org/path", "-leading.example.org", "trailing.example.org." })
	void hostsThatAreNeitherANameNorAnIpv4AddressAreRefused(String host) {
		assertThat(postgres(host, 5432, "site_1", "site_1", PASSWORD).problems())
			.containsExactly("database.host must be a host name or an IPv4 address");
	}

	@Test
	void aMissingHostIsRefused() {
		assertThat(postgres(null, 5432, "site_1", "site_1", PASSWORD).problems())
			.containsExactly("database.host must be a host name or an IPv4 address");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 65536, 100000 })
	void portsOutsideOneTo65535AreRefused(int port) {
		assertThat(postgres("localhost", port, "site_1", "site_1", PASSWORD).problems())
			.containsExactly("database.port must be between 1 and 65535");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Site_1", "1site", "_site", "site-1", "site;drop", "site 1", "site\"1", "sité",
			"a234567890123456789012345678901234567890123456789012345678901234" })
	void namesAndUsernamesOutsideTheWhitelistAreRefused(String identifier) {
		assertThat(postgres("localhost", 5432, identifier, "site_1", PASSWORD).problems())
			.containsExactly("database.name must be lowercase letters, digits and _, starting with a letter");
		assertThat(postgres("localhost", 5432, "site_1", identifier, PASSWORD).problems())
			.containsExactly("database.username must be lowercase letters, digits and _, starting with a letter");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "short123", "fifteenChars123", "with space 1234567", "pass@word1234567890",
			"pass:word1234567890", "pass/word1234567890", "pässwordpassword12",
			"A2345678901234567890123456789012345678901234567890123456789012345" })
	void passwordsThatAreNot16To64LettersAndDigitsAreRefused(String password) {
		assertThat(postgres("localhost", 5432, "site_1", "site_1", password).problems())
			.containsExactly("database.password must be 16 to 64 letters and digits");
	}

	@Test
	void theLongestAcceptedIdentifierAndPasswordAreValid() {
		String identifier = "a" + "b".repeat(62);
		String password = "A1".repeat(32);

		assertThat(postgres("localhost", 65535, identifier, identifier, password).problems()).isEmpty();
		assertThat(postgres("10.0.0.255", 1, "s", "s", "a".repeat(16)).problems()).isEmpty();
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		assertThat(new DatabaseAccess(null, null, 0, null, null, null).problems()).hasSize(6);
	}

	private static DatabaseAccess postgres(String host, int port, String name, String username, String password) {
		return new DatabaseAccess(DatabaseEngine.POSTGRESQL, host, port, name, username, password);
	}

}
