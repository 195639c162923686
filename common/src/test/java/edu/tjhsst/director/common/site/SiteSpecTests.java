package edu.tjhsst.director.common.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A spec reports every bad value with a clear message; a static site's four-value spec stays valid. */
class SiteSpecTests {

	private static final List<String> HOSTS = List.of("alpha.sites.localhost");

	@Test
	void theFourValueSpecOfAStaticSiteTakesTheDefaults() {
		SiteSpec spec = new SiteSpec(1, "alpha", SiteType.STATIC, HOSTS);

		assertThat(spec.problems()).isEmpty();
		assertThat(spec.env()).isEmpty();
		assertThat(spec.limits()).isEqualTo(new SiteLimits(500L, 256L, 128L));
		assertThat(spec.runtime()).isNull();
	}

	@Test
	void aDynamicSiteWithARuntimeEnvironmentAndLimitsIsValid() {
		assertThat(dynamic(Map.of("API_KEY", "secret value", "_DEBUG", ""), new SiteLimits(1000L, 512L, 256L))
			.problems()).isEmpty();
	}

	@Test
	void aDynamicSiteNeedsARuntime() {
		SiteSpec spec = new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, null, Map.of(), null, null);

		assertThat(spec.problems()).containsExactly("runtime is required for a dynamic site");
	}

	@ParameterizedTest
	@ValueSource(strings = { "A=B", "LINE\nBREAK", "lower", "1ST", "", "WITH SPACE", "ÄRGER",
			"A2345678901234567890123456789012345678901234567890123456789012345" })
	void malformedVariableNamesAreRefused(String name) {
		assertThat(dynamic(Map.of(name, "x"), null).problems()).singleElement().asString()
			.startsWith("env: \"")
			.contains("is not a valid variable name");
	}

	@Test
	void aNewlineInANameIsShownEscaped() {
		assertThat(dynamic(Map.of("A\nB", "x"), null).problems())
			.containsExactly("env: \"A\\nB\" is not a valid variable name (use A-Z, 0-9 and _, not starting with a"
					+ " digit, at most 64 characters)");
	}

	@Test
	void variablesThePlatformSetsAreRefused() {
		assertThat(dynamic(Map.of("DIRECTOR_SITE_NAME", "x", "PORT", "1"), null).problems()).containsExactly(
				"env: DIRECTOR_SITE_NAME is set by Director and cannot be changed",
				"env: PORT is set by Director and cannot be changed");
	}

	@Test
	void longValuesNulCharactersAndMissingValuesAreRefused() {
		Map<String, String> env = new HashMap<>();
		env.put("LONG", "x".repeat(4097));
		env.put("NUL", "a\0b");
		env.put("NOTHING", null);
		env.put("FITS", "x".repeat(4096));

		assertThat(dynamic(env, null).problems()).containsExactly(
				"env: the value of LONG is longer than 4096 characters", "env: NOTHING has no value",
				"env: the value of NUL contains a NUL character");
	}

	@Test
	void moreThanSixtyFourVariablesAreRefused() {
		Map<String, String> env = new HashMap<>();
		for (int i = 0; i < 65; i++) {
			env.put("V" + i, "x");
		}
		assertThat(dynamic(env, null).problems()).containsExactly("env may hold at most 64 variables");
	}

	@Test
	void limitsOutsideTheirRangesAreEachReported() {
		assertThat(dynamic(Map.of(), new SiteLimits(10L, -1L, 5000L)).problems()).containsExactly(
				"cpu must be between 50 and 4000 millicores", "memory must be between 32 and 4096 MiB",
				"pids must be between 16 and 1024");
		assertThat(dynamic(Map.of(), new SiteLimits(null, 10L * 1024 * 1024 * 1024 * 1024, null)).problems())
			.containsExactly("memory must be between 32 and 4096 MiB");
	}

	@Test
	void aDiskLimitOutsideSixteenMebibytesToOneTebibyteIsReported() {
		assertThat(dynamic(Map.of(), new SiteLimits(null, null, null, null, 15L)).problems())
			.containsExactly("disk must be between 16 and 1048576 MiB");
		assertThat(dynamic(Map.of(), new SiteLimits(null, null, null, null, 1024L * 1024 + 1)).problems())
			.containsExactly("disk must be between 16 and 1048576 MiB");
		assertThat(dynamic(Map.of(), new SiteLimits(null, null, null, null, 16L)).problems()).isEmpty();
		assertThat(SiteLimits.DEFAULTS.diskMiB()).isEqualTo(1024L);
	}

	@Test
	void phpWorkersAreFiveByDefaultAndAtMostOneFor32MiBOfMemory() {
		assertThat(SiteLimits.DEFAULTS.phpWorkers()).isEqualTo(5L);
		assertThat(SiteLimits.DEFAULTS.phpWorkersAllowed()).isEqualTo(8L);
		assertThat(new SiteLimits(null, 64L, null).phpWorkers()).as("fewer than five in 64 MiB").isEqualTo(2L);
		assertThat(new SiteLimits(null, 4096L, null).phpWorkersAllowed()).isEqualTo(SiteLimits.MAX_PHP_WORKERS);
		assertThat(dynamic(Map.of(), new SiteLimits(null, null, null, null, null, 9L)).problems())
			.containsExactly("phpWorkers must be between 1 and 8 for 256 MiB of memory");
		assertThat(dynamic(Map.of(), new SiteLimits(null, null, null, null, null, 0L)).problems()).hasSize(1);
		assertThat(dynamic(Map.of(), SiteLimits.DEFAULTS.with(250, 8)).problems()).isEmpty();
	}

	@Test
	void missingLimitsTakeTheirDefaults() {
		assertThat(new SiteLimits(null, 1024L, null)).isEqualTo(new SiteLimits(500L, 1024L, 128L));
	}

	@Test
	void aRuntimeNameIsShortAndLowercase() {
		SiteSpec spec = new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, "Python; rm -rf /", Map.of(), null, null);

		assertThat(spec.problems()).containsExactly("runtime must be a short lowercase name such as python");
	}

	@Test
	void theUrlIsAPlainHttpAddressOfAValidHost() {
		assertThat(withUrl("http://alpha.sites.localhost:8080/").problems()).isEmpty();
		assertThat(withUrl("https://alpha.example.org").problems()).isEmpty();
		for (String bad : List.of("ftp://alpha.example.org/", "http://user@alpha.example.org/",
				"http://alpha.example.org/?q=1", "http://bad_host/", "javascript:alert(1)", "http://a b/")) {
			assertThat(withUrl(bad).problems()).as(bad).singleElement().asString().startsWith("url must be");
		}
	}

	@Test
	void aSpecWithAnInvalidDatabaseReportsTheDatabasesProblems() {
		DatabaseAccess database = new DatabaseAccess(DatabaseEngine.POSTGRESQL, "bad_host", 5432, "site_1",
				"Robert'); DROP TABLE students;--", "Abc123def456GHI789");
		SiteSpec spec = new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, "python", null, Map.of(), null, null, null,
				database);

		assertThat(spec.problems()).containsExactly("database.host must be a host name or an IPv4 address",
				"database.username must be lowercase letters, digits and _, starting with a letter");
	}

	@Test
	void aSpecWithAValidDatabaseIsValid() {
		DatabaseAccess database = new DatabaseAccess(DatabaseEngine.MYSQL, "172.17.0.1", 3306, "site_1", "site_1",
				"Abc123def456GHI789");

		assertThat(new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, "python", null, Map.of(), null, null, null,
				database).problems()).isEmpty();
	}

	private static SiteSpec dynamic(Map<String, String> env, SiteLimits limits) {
		return new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, "python", env, limits, null);
	}

	private static SiteSpec withUrl(String url) {
		return new SiteSpec(1, "alpha", SiteType.DYNAMIC, HOSTS, "python", Map.of(), null, url);
	}

}
