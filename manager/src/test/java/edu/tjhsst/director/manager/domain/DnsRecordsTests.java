package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.system.DirectorProperties;

/** The records a domain's owner is told to make, for each way the platform may be configured. */
class DnsRecordsTests {

	private static final Site SITE = new Site(7, "erin", "", SiteType.STATIC, null, SiteAvailability.ENABLED,
			new SiteLimits(null, null, null, null, null), List.of(), null, Instant.EPOCH);

	private static final SiteDomain DOMAIN = new SiteDomain(3, 7, "erin", "www.erin.org", "token32", DomainState.ACTIVE,
			null, Instant.EPOCH, null, null);

	private static DnsRecords records(List<String> addresses, List<String> targets) {
		return new DnsRecords(new DomainProperties("127.0.0.1:53", Duration.ofSeconds(1), 1, addresses, targets,
				Duration.ofHours(6)), new DirectorProperties.Sites("sites.school.org", "https", 443, 5));
	}

	private static String listed(DnsRecords records) {
		return records.of(SITE, DOMAIN).stream().map(record -> record.type() + " " + record.name() + " " + record.value())
			.toList().toString();
	}

	@Test
	void aConfiguredAliasIsTheCnameTarget() {
		assertThat(listed(records(List.of("192.0.2.10"), List.of("sites.school.org", "other.school.org"))))
			.isEqualTo("[CNAME www.erin.org sites.school.org, TXT _director-challenge.www.erin.org token32]");
	}

	@Test
	void withoutAnAliasTheDomainNamesEachOfThePlatformsAddresses() {
		assertThat(listed(records(List.of("192.0.2.10", "2001:db8::10"), List.of()))).isEqualTo("[A www.erin.org "
				+ "192.0.2.10, AAAA www.erin.org 2001:db8::10, TXT _director-challenge.www.erin.org token32]");
	}

	@Test
	void withNeitherTheDomainIsAnAliasOfTheSitesOwnName() {
		assertThat(listed(records(List.of(), List.of())))
			.isEqualTo("[CNAME www.erin.org erin.sites.school.org, TXT _director-challenge.www.erin.org token32]");
	}

}
