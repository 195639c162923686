package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import edu.tjhsst.director.common.testing.ChallengeDnsServer;
import edu.tjhsst.director.common.domain.CustomDomain;
import edu.tjhsst.director.manager.domain.DomainCheck.AtPlatform;
import edu.tjhsst.director.manager.domain.DomainCheck.Elsewhere;
import edu.tjhsst.director.manager.domain.DomainCheck.NoRecord;
import edu.tjhsst.director.manager.domain.DomainCheck.NotChecked;
import edu.tjhsst.director.manager.domain.DomainCheck.Nowhere;
import edu.tjhsst.director.manager.domain.DomainCheck.Proven;
import edu.tjhsst.director.manager.domain.DomainCheck.Unanswered;
import edu.tjhsst.director.manager.domain.DomainCheck.WrongToken;

/**
 * The ownership check against a real DNS server (Pebble's challenge test server) whose records each test sets: the
 * TXT proof in all its outcomes, where a domain points, and servers that fail, are gone or never answer. Each test
 * has names of its own, since the server keeps its records for the whole class.
 */
class DomainOwnershipTests {

	@RegisterExtension
	static final ChallengeDnsServer dns = new ChallengeDnsServer();

	private static final String TOKEN = "k3nwq7xv2hbo5y4zfpjmdc6iaresltgu";

	private static final String PLATFORM_ADDRESS = "192.0.2.10";

	private static final String PLATFORM_TARGET = "sites.school.org";

	private final DomainOwnership ownership = ownership(dns.resolver(), List.of(PLATFORM_ADDRESS, "2001:db8::10"),
			List.of(PLATFORM_TARGET));

	private static DomainOwnership ownership(String resolver, List<String> addresses, List<String> targets) {
		DomainProperties properties = new DomainProperties(resolver, Duration.ofMillis(200), 1, addresses, targets, Duration.ofHours(6));
		return new DomainOwnership(new DnsLookup(properties), properties);
	}

	private static CustomDomain domain(String name) {
		return CustomDomain.parse(name);
	}

	@Test
	void aTxtRecordHoldingTheTokenProvesOwnership() {
		dns.addTxt("_director-challenge.proven.example.org", TOKEN);

		DomainCheck check = ownership.check(domain("proven.example.org"), TOKEN);

		assertThat(check.ownership()).isEqualTo(new Proven());
		assertThat(check.proven()).isTrue();
	}

	@Test
	void withoutATxtRecordNothingIsProven() {
		dns.addTxt("_director-challenge.other.example.org", TOKEN);

		assertThat(ownership.check(domain("no-record.example.org"), TOKEN).ownership()).isEqualTo(new NoRecord());
	}

	@Test
	void aTxtRecordWithAnotherTokenIsShownBack() {
		dns.addTxt("_director-challenge.wrong.example.org", "not-the-token");
		dns.addTxt("_director-challenge.wrong.example.org", "  two words ");

		DomainCheck check = ownership.check(domain("wrong.example.org"), TOKEN);

		assertThat(check.ownership()).isEqualTo(new WrongToken(List.of("\"not-the-token\"", "\"two words\"")));
		assertThat(check.proven()).isFalse();
	}

	@Test
	void spacesPastedAroundTheTokenDoNotMatter() {
		dns.addTxt("_director-challenge.spaces.example.org", " " + TOKEN + "  ");

		assertThat(ownership.check(domain("spaces.example.org"), TOKEN).proven()).isTrue();
	}

	@Test
	void aTokenInTheWrongCaseIsNotTheToken() {
		dns.addTxt("_director-challenge.upper.example.org", TOKEN.toUpperCase());

		assertThat(ownership.check(domain("upper.example.org"), TOKEN).ownership()).isInstanceOf(WrongToken.class);
	}

	@Test
	void onlyAFewShortenedValuesOfManyTxtRecordsAreKept() {
		for (int i = 0; i < 7; i++) {
			dns.addTxt("_director-challenge.many.example.org", i + "x".repeat(100));
		}

		WrongToken wrong = (WrongToken) ownership.check(domain("many.example.org"), TOKEN).ownership();

		assertThat(wrong.found()).hasSize(DomainCheck.MAX_SHOWN)
			.allSatisfy(value -> assertThat(value).endsWith("x…\"").hasSize(43));
	}

	@Test
	void oneOfSeveralTxtRecordsHoldingTheTokenIsEnough() {
		dns.addTxt("_director-challenge.several.example.org", "v=spf1 -all");
		dns.addTxt("_director-challenge.several.example.org", TOKEN);

		assertThat(ownership.check(domain("several.example.org"), TOKEN).proven()).isTrue();
	}

	@Test
	void aRecordRemovedAfterTheProofIsFoundMissingByTheNextCheck() {
		CustomDomain domain = domain("removed.example.org");
		dns.addTxt("_director-challenge.removed.example.org", TOKEN);
		assertThat(ownership.check(domain, TOKEN).proven()).isTrue();

		dns.clearTxt("_director-challenge.removed.example.org");

		assertThat(ownership.check(domain, TOKEN).ownership()).isEqualTo(new NoRecord());
	}

	@Test
	void theTxtRecordIsLookedUpUnderTheDomainsPunycodeName() {
		dns.addTxt("_director-challenge.xn--bcher-kva.example", TOKEN);

		assertThat(ownership.check(domain("Bücher.example"), TOKEN).proven()).isTrue();
		assertThat(DomainOwnership.challengeName(domain("Bücher.example")))
			.isEqualTo("_director-challenge.xn--bcher-kva.example");
	}

	@Test
	void anAddressRecordNamingThePlatformPointsAtIt() {
		dns.addA("a-platform.example.org", PLATFORM_ADDRESS);

		assertThat(ownership.check(domain("a-platform.example.org"), TOKEN).pointing())
			.isEqualTo(new AtPlatform("A 192.0.2.10"));
	}

	@Test
	void anIpv6AddressIsComparedByValueNotByHowItIsWritten() {
		dns.addAaaa("aaaa-platform.example.org", "2001:db8:0:0:0:0:0:10");

		assertThat(ownership.check(domain("aaaa-platform.example.org"), TOKEN).pointing())
			.isInstanceOf(AtPlatform.class);
	}

	@Test
	void anAddressRecordNamingAnotherAddressPointsElsewhere() {
		dns.addA("a-elsewhere.example.org", "198.51.100.7");

		assertThat(ownership.check(domain("a-elsewhere.example.org"), TOKEN).pointing())
			.isEqualTo(new Elsewhere(List.of("A 198.51.100.7")));
	}

	@Test
	void thePlatformsAddressBesideSomeoneElsesStillPointsElsewhere() {
		dns.addA("a-mixed.example.org", PLATFORM_ADDRESS, "198.51.100.7");

		assertThat(ownership.check(domain("a-mixed.example.org"), TOKEN).pointing()).isInstanceOf(Elsewhere.class);
	}

	@Test
	void aCnameToThePlatformsTargetPointsAtIt() {
		dns.setCname("www.cname-platform.example.org", PLATFORM_TARGET);

		assertThat(ownership.check(domain("www.cname-platform.example.org"), TOKEN).pointing())
			.isEqualTo(new AtPlatform("CNAME sites.school.org"));
	}

	@Test
	void aCnameToANameWithThePlatformsAddressPointsAtIt() {
		dns.addA("alias-target.example.net", PLATFORM_ADDRESS);
		dns.setCname("www.cname-address.example.org", "alias-target.example.net");

		assertThat(ownership.check(domain("www.cname-address.example.org"), TOKEN).pointing())
			.isEqualTo(new AtPlatform("A 192.0.2.10"));
	}

	@Test
	void aCnameToAnotherNamePointsElsewhere() {
		dns.addA("elsewhere-target.example.net", "198.51.100.7");
		dns.setCname("www.cname-elsewhere.example.org", "elsewhere-target.example.net");

		assertThat(ownership.check(domain("www.cname-elsewhere.example.org"), TOKEN).pointing())
			.isEqualTo(new Elsewhere(List.of("CNAME elsewhere-target.example.net", "A 198.51.100.7")));
	}

	@Test
	void aDomainWithoutAddressesOrAliasPointsNowhere() {
		assertThat(ownership.check(domain("nowhere.example.org"), TOKEN).pointing()).isEqualTo(new Nowhere());
	}

	@Test
	void withoutThePlatformsAddressesOrTargetsWhereADomainPointsIsNotChecked() {
		dns.addA("unconfigured.example.org", PLATFORM_ADDRESS);
		DomainOwnership unconfigured = ownership(dns.resolver(), List.of(), List.of());

		assertThat(unconfigured.check(domain("unconfigured.example.org"), TOKEN).pointing())
			.isEqualTo(new NotChecked());
	}

	@Test
	void aServerFailureLeavesTheCheckUnanswered() {
		dns.failFor("_director-challenge.servfail.example.org");

		DomainCheck check = ownership.check(domain("servfail.example.org"), TOKEN);

		Unanswered unanswered = new Unanswered(dns.resolver(), "answered with a server failure (SERVFAIL)");
		assertThat(check).isEqualTo(new DomainCheck(unanswered, unanswered));
	}

	@Test
	void aServerThatHasGoneLeavesTheCheckUnansweredNamingIt() throws Exception {
		ChallengeDnsServer gone = new ChallengeDnsServer();
		gone.start();
		gone.addTxt("_director-challenge.gone.example.org", TOKEN);
		DomainOwnership asking = ownership(gone.resolver(), List.of(PLATFORM_ADDRESS), List.of());
		assertThat(asking.check(domain("gone.example.org"), TOKEN).proven()).isTrue();

		gone.stop();
		DomainCheck check = asking.check(domain("gone.example.org"), TOKEN);

		assertThat(check.ownership()).isInstanceOfSatisfying(Unanswered.class, unanswered -> {
			assertThat(unanswered.resolver()).isEqualTo(gone.resolver());
			assertThat(unanswered.problem()).startsWith("could not be reached");
		});
		assertThat(check.pointing()).isEqualTo(check.ownership());
	}

	@Test
	void aServerThatNeverAnswersLeavesTheCheckUnansweredAfterItsRetries() throws Exception {
		// A socket that takes questions and answers none: what a resolver behind a dropping firewall looks like.
		try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			String resolver = "127.0.0.1:" + silent.getLocalPort();

			DomainCheck check = ownership(resolver, List.of(), List.of()).check(domain("silent.example.org"), TOKEN);

			// 200 ms for the first try and 400 ms for the one retry.
			Unanswered unanswered = new Unanswered(resolver, "did not answer within 0.6 s");
			assertThat(check).isEqualTo(new DomainCheck(unanswered, unanswered));
		}
	}

}
