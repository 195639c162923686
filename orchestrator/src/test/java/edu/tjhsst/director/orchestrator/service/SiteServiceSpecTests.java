package edu.tjhsst.director.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.docker.ServiceProcess;
import edu.tjhsst.director.orchestrator.docker.SpecJson;
import edu.tjhsst.director.orchestrator.runtime.Runtime;

/** A dynamic or PHP site's service spec, as the JSON docker-java sends to Swarm. */
class SiteServiceSpecTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final SiteSpec SPEC = new SiteSpec(42, "my-app", SiteType.DYNAMIC, List.of("my-app.sites.localhost"),
			"python", Map.of("API_KEY", "s3cret", "TZ", "Europe/Paris"), new SiteLimits(250L, 128L, 64L),
			"http://my-app.sites.localhost:8080/");

	private static final SiteAccount ACCOUNT = new SiteAccount(100_042, Path.of("/data/accounts/42/passwd"),
			Path.of("/data/accounts/42/group"));

	private final SiteServiceSpec service = new SiteServiceSpec(SPEC, Runtime.PYTHON.image(), Path.of("/data/sites/42"),
			ACCOUNT, "director-sites", "America/New_York");

	@Test
	void aDynamicSitesServiceSpecMatchesItsGoldenFile() {
		SpecJson.assertGolden("site-service-42", json(service));
	}

	@Test
	void aPhpSitesServiceSpecMatchesItsGoldenFile() {
		SiteServiceSpec php = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.PHP, SPEC.hosts(), "php",
				SPEC.env(), SPEC.limits(), SPEC.url()), Runtime.PHP.image(), Path.of("/data/sites/42"), ACCOUNT,
				"director-sites", "America/New_York");

		SpecJson.assertGolden("site-service-42-php", json(php));
	}

	@Test
	void theProcessRunsTheLauncherUnderTheSubvolumeGuardAsTheSitesOwnUserWithAReadOnlyRootAndNoCapabilities() {
		JsonNode container = json(service).at("/TaskTemplate/ContainerSpec");

		assertThat(container.get("Image").asText()).isEqualTo("director/runtime-python:3");
		assertThat(container.get("Command").toString())
			.isEqualTo(JSON.valueToTree(SubvolumeGuard.init(List.of("/usr/local/bin/director-run"))).toString());
		assertThat(container.get("User").asText()).isEqualTo("100042:100042");
		assertThat(container.get("ReadOnly").asBoolean()).isTrue();
		assertThat(container.get("Init").asBoolean()).as("the guard is the container's init").isFalse();
		assertThat(container.get("CapabilityDrop").toString()).isEqualTo("[\"ALL\"]");
		assertThat(container.get("Mounts").toString())
			.contains("{\"Type\":\"bind\",\"Source\":\"/data/sites/42\",\"Target\":\"/site\",\"ReadOnly\":false}")
			.contains("{\"Type\":\"bind\",\"Source\":\"/data/accounts/42/passwd\",\"Target\":\"/etc/passwd\","
					+ "\"ReadOnly\":true}")
			.contains("{\"Type\":\"bind\",\"Source\":\"/data/accounts/42/group\",\"Target\":\"/etc/group\","
					+ "\"ReadOnly\":true}")
			.contains("\"Target\":\"/tmp\"").contains("\"SizeBytes\":67108864")
			.contains("\"Target\":\"/run\"").contains("\"SizeBytes\":16777216");
	}

	@Test
	void limitsRestartPolicyLogsAndEndpointAreSet() {
		JsonNode spec = json(service);

		assertThat(spec.get("Name").asText()).isEqualTo("site_42");
		assertThat(spec.at("/TaskTemplate/Resources/Limits").toString())
			.isEqualTo("{\"MemoryBytes\":134217728,\"NanoCPUs\":250000000,\"Pids\":64}");
		assertThat(spec.at("/TaskTemplate/RestartPolicy/Condition").asText()).isEqualTo("on-failure");
		assertThat(spec.at("/TaskTemplate/RestartPolicy/MaxAttempts").asLong()).isEqualTo(3);
		assertThat(spec.at("/TaskTemplate/LogDriver").toString())
			.contains("\"Name\":\"json-file\"").contains("\"max-size\":\"1m\"");
		assertThat(spec.at("/UpdateConfig/FailureAction").asText()).isEqualTo("rollback");
		assertThat(spec.at("/EndpointSpec/Mode").asText()).isEqualTo("dnsrr");
		assertThat(spec.at("/EndpointSpec/Ports").isMissingNode() || spec.at("/EndpointSpec/Ports").isNull())
			.as("no published ports").isTrue();
		assertThat(spec.at("/TaskTemplate/Networks/0/Target").asText()).isEqualTo("director-sites");
		assertThat(spec.at("/Labels/director.managed").asText()).isEqualTo("true");
		assertThat(spec.at("/Labels/director.site").asText()).isEqualTo("42");
	}

	@Test
	void thePlatformsVariablesComeFirstAndTheOwnerMaySetTheTimeZone() {
		assertThat(service.environment()).containsExactly("PORT=8080", "HOST=0.0.0.0", "HOME=/site/.home",
				"TZ=Europe/Paris", "DIRECTOR_SITE_ID=42", "DIRECTOR_SITE_NAME=my-app",
				"DIRECTOR_SITE_URL=http://my-app.sites.localhost:8080/", "API_KEY=s3cret");
	}

	@Test
	void aSiteWithADatabaseGetsItsUrlAndPartsAndTheyOverrideTheOwnersOwnDatabaseUrl() {
		DatabaseAccess database = new DatabaseAccess(DatabaseEngine.POSTGRESQL, "172.17.0.1", 5433, "site_42", "site_42",
				"Abcdefghij0123456789");
		SiteSpec withDatabase = new SiteSpec(42, "my-app", SiteType.DYNAMIC, List.of("my-app.sites.localhost"), "python",
				null, Map.of("DATABASE_URL", "postgres://mine"), new SiteLimits(250L, 128L, 64L), null, null, database);
		SiteServiceSpec service = new SiteServiceSpec(withDatabase, Runtime.PYTHON.image(), Path.of("/data/sites/42"),
				ACCOUNT, "director-sites", "America/New_York");

		assertThat(service.environment()).contains(
				"DATABASE_URL=postgres://site_42:Abcdefghij0123456789@172.17.0.1:5433/site_42",
				"DIRECTOR_DATABASE_TYPE=postgresql", "DIRECTOR_DATABASE_HOST=172.17.0.1", "DIRECTOR_DATABASE_PORT=5433",
				"DIRECTOR_DATABASE_NAME=site_42", "DIRECTOR_DATABASE_USERNAME=site_42",
				"DIRECTOR_DATABASE_PASSWORD=Abcdefghij0123456789")
			.doesNotContain("DATABASE_URL=postgres://mine");
		assertThat(service.fingerprint()).as("a new password updates the service")
			.isNotEqualTo(new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.DYNAMIC, List.of("my-app.sites.localhost"),
					"python", null, Map.of(), new SiteLimits(250L, 128L, 64L), null, null,
					new DatabaseAccess(DatabaseEngine.POSTGRESQL, "172.17.0.1", 5433, "site_42", "site_42",
							"Zbcdefghij0123456789")), Runtime.PYTHON.image(), Path.of("/data/sites/42"), ACCOUNT,
					"director-sites", "America/New_York").fingerprint());
	}

	@Test
	void anEnabledSiteRunsOneProcessAndASiteThatIsNotEnabledNone() {
		assertThat(json(service).at("/Mode/Replicated/Replicas").asLong()).isEqualTo(1);
		for (SiteAvailability availability : List.of(SiteAvailability.NOT_SERVED, SiteAvailability.DISABLED)) {
			SiteServiceSpec stopped = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.DYNAMIC, SPEC.hosts(),
					"python", null, SPEC.env(), SPEC.limits(), availability, SPEC.url()), Runtime.PYTHON.image(),
					Path.of("/data/sites/42"), ACCOUNT, "director-sites", "America/New_York");
			assertThat(json(stopped).at("/Mode/Replicated/Replicas").asLong()).as("%s", availability)
				.isZero();
			assertThat(stopped.fingerprint()).as("%s", availability).isNotEqualTo(service.fingerprint());
		}
	}

	@Test
	void theFingerprintChangesWithTheSpecAndNeverShowsASecret() {
		SiteServiceSpec moreMemory = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.DYNAMIC,
				SPEC.hosts(), "python", SPEC.env(), new SiteLimits(250L, 256L, 64L), SPEC.url()), Runtime.PYTHON.image(),
				Path.of("/data/sites/42"), ACCOUNT, "director-sites", "America/New_York");

		assertThat(service.fingerprint()).isEqualTo(service.fingerprint()).hasSize(32)
			.isNotEqualTo(moreMemory.fingerprint());
		assertThat(json(service).at("/Labels").toString()).doesNotContain("s3cret");
	}

	@Test
	void aPhpSiteRunsPhpFpmFromThePhpImageAndIsOtherwiseTheSame() {
		SiteServiceSpec php = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.PHP, SPEC.hosts(), "php",
				SPEC.env(), SPEC.limits(), SPEC.url()), Runtime.PHP.image(), Path.of("/data/sites/42"), ACCOUNT,
				"director-sites",
				"America/New_York");
		JsonNode dynamicSpec = json(service);
		JsonNode phpSpec = json(php);

		assertThat(phpSpec.at("/TaskTemplate/ContainerSpec/Image").asText()).isEqualTo("director/runtime-php:5");
		assertThat(phpSpec.at("/TaskTemplate/ContainerSpec/Command").toString())
			.isEqualTo(JSON.valueToTree(SubvolumeGuard.init(List.of("/usr/local/bin/director-php-fpm"))).toString());
		assertThat(php.environment())
			.as("the dynamic site's, and php-fpm's workers (4 in 128 MiB) and upload limit from the body limit")
			.containsExactlyElementsOf(Stream.concat(service.environment().stream(),
					Stream.of("DIRECTOR_PHP_WORKERS=4", "DIRECTOR_PHP_MAX_BODY=" + SPEC.limits().maxBodyMiB() + "M")).toList());
		assertThat(php.fingerprint()).isNotEqualTo(service.fingerprint());
		// Everything but the image, the command, the environment and the labels that name them is the dynamic site's.
		for (String field : List.of("User", "Dir", "ReadOnly", "Init", "CapabilityDrop", "Mounts",
				"StopGracePeriod")) {
			assertThat(phpSpec.at("/TaskTemplate/ContainerSpec/" + field)).as(field)
				.isEqualTo(dynamicSpec.at("/TaskTemplate/ContainerSpec/" + field));
		}
		for (String part : List.of("/TaskTemplate/Resources", "/TaskTemplate/RestartPolicy", "/TaskTemplate/Networks",
				"/TaskTemplate/LogDriver", "/EndpointSpec", "/UpdateConfig", "/Name")) {
			assertThat(phpSpec.at(part)).as(part).isEqualTo(dynamicSpec.at(part));
		}
	}

	@Test
	void changingTheTypeChangesTheFingerprintSoTheServiceIsUpdated() {
		SiteServiceSpec dynamicPhp = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.DYNAMIC, SPEC.hosts(),
				"php", SPEC.env(), SPEC.limits(), SPEC.url()), Runtime.PHP.image(), Path.of("/data/sites/42"),
				ACCOUNT, "director-sites", "America/New_York");
		SiteServiceSpec php = new SiteServiceSpec(new SiteSpec(42, "my-app", SiteType.PHP, SPEC.hosts(), "php",
				SPEC.env(), SPEC.limits(), SPEC.url()), Runtime.PHP.image(), Path.of("/data/sites/42"), ACCOUNT,
				"director-sites",
				"America/New_York");

		assertThat(php.fingerprint()).isNotEqualTo(dynamicPhp.fingerprint());
	}

	@Test
	void aSpecReadBackWithoutItsHardeningGetsItBack() {
		// What docker-java makes of the engine's answer: the fields it does not model are gone.
		assertThat(SpecJson.readBack(service.definition("site_42")).at("/TaskTemplate/ContainerSpec/CapabilityDrop")
			.isMissingNode()).isTrue();

		JsonNode restored = SpecJson.restored(service.definition("site_42"));

		assertThat(restored.at("/TaskTemplate/ContainerSpec/CapabilityDrop").toString()).isEqualTo("[\"ALL\"]");
		assertThat(restored.at("/TaskTemplate/Resources/Limits").toString())
			.isEqualTo("{\"MemoryBytes\":134217728,\"NanoCPUs\":250000000,\"Pids\":64}");
		assertThat(restored.at("/TaskTemplate/ContainerSpec/User").asText()).isEqualTo("100042:100042");
		SpecJson.assertGolden("site-service-42-restored", restored);
	}

	@Test
	void aProcessWithoutTheCurrentGuardIsPutUnderItAsItsInitAndOneWithItIsLeftAlone() {
		ServiceProcess unguarded = new ServiceProcess(List.of("/usr/local/bin/director-run"), null,
				List.of("PORT=8080"));

		ServiceProcess guarded = SiteServiceSpec.guard(unguarded).orElseThrow();

		assertThat(guarded.command()).isEqualTo(SubvolumeGuard.init(List.of("/usr/local/bin/director-run")));
		assertThat(guarded.init()).isFalse();
		assertThat(guarded.env()).isEqualTo(SubvolumeGuard.environment(List.of("PORT=8080")));
		assertThat(SiteServiceSpec.guard(guarded)).as("a process under the current guard").isEmpty();
	}

	private static JsonNode json(SiteServiceSpec service) {
		return SpecJson.tree(service.definition("site_42"));
	}

}
