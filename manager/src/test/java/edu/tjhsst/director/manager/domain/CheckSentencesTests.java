package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.manager.domain.DomainCheck.AtPlatform;
import edu.tjhsst.director.manager.domain.DomainCheck.Elsewhere;
import edu.tjhsst.director.manager.domain.DomainCheck.NoRecord;
import edu.tjhsst.director.manager.domain.DomainCheck.NotChecked;
import edu.tjhsst.director.manager.domain.DomainCheck.Nowhere;
import edu.tjhsst.director.manager.domain.DomainCheck.Proven;
import edu.tjhsst.director.manager.domain.DomainCheck.Unanswered;
import edu.tjhsst.director.manager.domain.DomainCheck.WrongToken;

/** The sentences the Domains page shows after a check, one for each outcome DomainCheck can hold. */
class CheckSentencesTests {

	private static final String NAME = "_director-challenge.www.example.org";

	@Test
	void aProvenDomainAtThePlatformSaysBoth() {
		assertThat(CheckSentences.of(NAME, new DomainCheck(new Proven(), new AtPlatform("A 192.0.2.10"))))
			.isEqualTo("The TXT record of " + NAME + " holds the token: ownership is proven. The domain points at the"
					+ " platform (A 192.0.2.10).");
	}

	@Test
	void aMissingRecordSaysToAddItAndWhereTheDomainPointsInstead() {
		assertThat(CheckSentences.of(NAME, new DomainCheck(new NoRecord(), new Elsewhere(List.of("A 198.51.100.7")))))
			.isEqualTo("There is no TXT record of " + NAME + " yet; add it (DNS changes can take a while to be seen)"
					+ " and check again. The domain does not point at the platform yet (A 198.51.100.7).");
	}

	@Test
	void aWrongTokenShowsWhatWasFound() {
		assertThat(CheckSentences.of(NAME, new DomainCheck(new WrongToken(List.of("\"old\"")), new Nowhere())))
			.isEqualTo("The TXT record of " + NAME + " does not hold the token (found: \"old\"). The domain has no A,"
					+ " AAAA or CNAME record yet.");
	}

	@Test
	void withoutThePlatformsAddressesOnlyTheProofIsMentioned() {
		assertThat(CheckSentences.of(NAME, new DomainCheck(new Proven(), new NotChecked())))
			.isEqualTo("The TXT record of " + NAME + " holds the token: ownership is proven.");
	}

	@Test
	void aServerThatDoesNotAnswerSaysNothingIsKnownYet() {
		Unanswered unanswered = new Unanswered("192.0.2.53:53", "did not answer within 9 s");
		assertThat(CheckSentences.of(NAME, new DomainCheck(unanswered, unanswered)))
			.isEqualTo("The DNS server 192.0.2.53:53 did not answer within 9 s, so nothing is known yet; check again"
					+ " in a moment.");
	}

}
