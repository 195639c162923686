package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The DIRECTOR_DNS_* and DIRECTOR_DOMAINS_* variables as application.properties binds them, and the check's beans
 * Spring makes from them; a setting that makes no sense stops the start saying which variable is wrong.
 */
class DomainPropertiesTests {

	@EnableConfigurationProperties(DomainProperties.class)
	static class Settings {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Settings.class, DnsLookup.class, DomainOwnership.class, ChallengeTokens.class);

	@Test
	void byDefaultTheSystemsResolverIsAskedForThreeSecondsAndOnceMore() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			DomainProperties properties = context.getBean(DomainProperties.class);
			assertThat(properties.resolver()).isEmpty();
			assertThat(properties.dnsTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.dnsRetries()).isEqualTo(1);
			assertThat(properties.addresses()).isEmpty();
			assertThat(properties.cnameTargets()).isEmpty();
			assertThat(context.getBean(DnsLookup.class).longestWait())
				.isEqualTo(Duration.ofSeconds(9).multipliedBy(properties.resolvers().size()));
		});
	}

	@Test
	void theEnvironmentVariablesSetTheResolverAndThePlatformsNames() {
		runner.withPropertyValues("DIRECTOR_DNS_RESOLVER=192.0.2.53:5353", "DIRECTOR_DNS_TIMEOUT=500ms",
				"DIRECTOR_DNS_RETRIES=2", "DIRECTOR_DOMAINS_ADDRESSES=192.0.2.10, 2001:db8::10",
				"DIRECTOR_DOMAINS_CNAME_TARGETS=Sites.School.Org.,director.school.org").run(context -> {
					assertThat(context).hasNotFailed();
					DomainProperties properties = context.getBean(DomainProperties.class);
					assertThat(properties.resolvers()).containsExactly(new ResolverAddress("192.0.2.53", 5353));
					assertThat(properties.platformTargets()).containsOnly("sites.school.org", "director.school.org");
					assertThat(properties.platformAddresses()).hasSize(2);
					DnsLookup lookup = context.getBean(DnsLookup.class);
					assertThat(lookup.servers()).isEqualTo("192.0.2.53:5353");
					assertThat(lookup.longestWait()).isEqualTo(Duration.ofMillis(500 + 1000 + 2000));
				});
	}

	@Test
	void aResolverThatIsNotHostAndPortStopsTheStart() {
		runner.withPropertyValues("DIRECTOR_DNS_RESOLVER=dns://192.0.2.53").run(context -> assertThat(context)
			.hasFailed().getFailure().rootCause().hasMessageStartingWith("DIRECTOR_DNS_RESOLVER must be host:port"));
	}

	@Test
	void aPlatformAddressThatIsAHostNameStopsTheStart() {
		// A name would be looked up once, at the start, and then compared with answers as if it were an address.
		runner.withPropertyValues("DIRECTOR_DOMAINS_ADDRESSES=platform.school.org").run(context -> assertThat(context)
			.hasFailed().getFailure().rootCause()
			.hasMessage("DIRECTOR_DOMAINS_ADDRESSES must list IPv4 or IPv6 addresses, not \"platform.school.org\""));
	}

	@Test
	void aCnameTargetThatIsNotAHostNameStopsTheStart() {
		runner.withPropertyValues("DIRECTOR_DOMAINS_CNAME_TARGETS=*.sites.school.org")
			.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
			.hasMessage("DIRECTOR_DOMAINS_CNAME_TARGETS must list host names, not \"*.sites.school.org\""));
	}

	@Test
	void timeoutsAndRetriesOutOfRangeStopTheStart() {
		runner.withPropertyValues("DIRECTOR_DNS_TIMEOUT=0s").run(context -> assertThat(context).hasFailed()
			.getFailure().rootCause().hasMessage("DIRECTOR_DNS_TIMEOUT must be from 100ms to 30s, not PT0S"));
		runner.withPropertyValues("DIRECTOR_DNS_RETRIES=9").run(context -> assertThat(context).hasFailed()
			.getFailure().rootCause().hasMessage("DIRECTOR_DNS_RETRIES must be from 0 to 3, not 9"));
	}

}
