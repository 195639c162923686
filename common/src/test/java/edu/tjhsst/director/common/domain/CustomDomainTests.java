package edu.tjhsst.director.common.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import edu.tjhsst.director.common.site.HostNames;

/**
 * The whitelist for custom domains: what a site owner may type, the one form it is kept in, and a sentence saying
 * exactly what is wrong with everything else, including the platform's own names.
 */
class CustomDomainTests {

	private static final String SITES = "sites.school.org";

	private static final String PORTAL = "director.school.org";

	/** 253 characters, the most a name may have, in parts of at most 63. */
	private static final String LONGEST = ofLength(253);

	/** A name of this many characters (from 196 to 256): three parts of 63, one of the rest, and ".org". */
	private static String ofLength(int length) {
		return "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(length - 196) + ".org";
	}

	static Stream<Arguments> goodNames() {
		return Stream.of(
				Arguments.of("www.example.org", "www.example.org"),
				Arguments.of("blog.example.org", "blog.example.org"),
				Arguments.of("ÄÖÜ.example", "xn--4ca0bs.example"),
				Arguments.of("WWW.Example.ORG", "www.example.org"),
				Arguments.of(" \t www.example.org \n", "www.example.org"),
				Arguments.of("www.example.org.", "www.example.org"),
				Arguments.of("bücher.example", "xn--bcher-kva.example"),
				Arguments.of("XN--BCHER-KVA.Example", "xn--bcher-kva.example"),
				Arguments.of("xn--mnchen-3ya.de", "xn--mnchen-3ya.de"),
				Arguments.of("例え.テスト", "xn--r8jz45g.xn--zckzah"),
				Arguments.of("ｅｘａｍｐｌｅ.org", "example.org"),
				Arguments.of("www\u3002example\uff0eorg", "www.example.org"),
				Arguments.of("a-b.co", "a-b.co"),
				Arguments.of("1password.com", "1password.com"),
				Arguments.of("123.example", "123.example"),
				Arguments.of("x.y.z.example.co.uk", "x.y.z.example.co.uk"),
				Arguments.of("e\u0301cole.example", "xn--cole-9oa.example"),
				Arguments.of("a".repeat(63) + ".org", "a".repeat(63) + ".org"),
				Arguments.of(LONGEST, LONGEST),
				Arguments.of("mysites.school.org", "mysites.school.org"),
				Arguments.of("sites.school.org.example", "sites.school.org.example"),
				Arguments.of("localhost.example.org", "localhost.example.org"));
	}

	@ParameterizedTest
	@MethodSource("goodNames")
	void domainNamesAreAcceptedInTheirNormalForm(String input, String normalForm) {
		CustomDomain domain = CustomDomain.parse(input).requireNotOwnedByPlatform(SITES, PORTAL);

		assertThat(domain.name()).isEqualTo(normalForm);
		assertThat(CustomDomain.parse(normalForm)).isEqualTo(domain);
	}

	@ParameterizedTest
	@MethodSource("goodNames")
	void everyAcceptedNameIsAHostNameAnNginxTemplateTakes(String input, String normalForm) {
		assertThat(HostNames.isValid(CustomDomain.parse(input).name())).isTrue();
	}

	static Stream<Arguments> badNames() {
		String ip = "is an IP address, not a domain name";
		String chars = "may only use letters, digits and hyphens, not ";
		String invisible = "contains a space, a line break or another invisible character";
		String empty = "has an empty part";
		String hyphen = "may not start or end with a hyphen";
		String punycode = "starts with xn-- but is not a valid internationalised name";
		String tld = "must be a top-level domain made of letters";
		String sites = "belongs to the platform: sites have their own names under sites.school.org";
		String portal = "belongs to the platform: it is the portal's name, director.school.org";
		String localhost = "is a name of the computer itself (localhost)";
		return Stream.of(
				Arguments.of(null, "Enter a domain name, like www.example.org."),
				Arguments.of("", "Enter a domain name, like www.example.org."),
				Arguments.of("  \t\n", "Enter a domain name, like www.example.org."),
				Arguments.of("www example.org", invisible),
				Arguments.of("http://x.org", "leave out the http:// or https:// at the start"),
				Arguments.of("https://www.example.org/", "leave out the http:// or https:// at the start"),
				Arguments.of("x.org/path", "a domain name has no path"),
				Arguments.of("x.org:443", "leave out the port (\":443\")"),
				Arguments.of("x.org:", "leave out the port (\":\")"),
				Arguments.of("*.x.org", "wildcards (*) are not supported"),
				Arguments.of("www.*.x.org", "wildcards (*) are not supported"),
				Arguments.of("a..b.org", empty),
				Arguments.of(".x.org", empty),
				Arguments.of("x.org..", empty),
				Arguments.of(".", empty),
				Arguments.of("x.org\u3002\u3002", empty),
				Arguments.of("-a.org", hyphen),
				Arguments.of("a-.org", hyphen),
				Arguments.of("x.-org", hyphen),
				Arguments.of("xn--.org", hyphen),
				Arguments.of("a".repeat(64) + ".org",
						"may have at most 63 characters, and \"" + "a".repeat(40) + "…\" has 64"),
				Arguments.of(ofLength(254), "may have at most 253 characters (internationalised parts counted as"
						+ " xn--…), and this one has 254"),
				Arguments.of("x".repeat(1001), "and this one has 1001"),
				Arguments.of("1.2.3.4", ip),
				Arguments.of("127.0.0.1.", ip),
				Arguments.of("10.1", ip),
				Arguments.of("[::1]", ip),
				Arguments.of("::1", ip),
				Arguments.of("2001:db8::1", ip),
				Arguments.of("x.123", "the last part, \"123\", " + tld),
				Arguments.of("x.a1", "the last part, \"a1\", " + tld),
				Arguments.of("0x7f.1", "the last part, \"1\", " + tld),
				Arguments.of("x.o-rg", "the last part, \"o-rg\", " + tld),
				Arguments.of("example", "it needs at least two parts separated by a dot, like example.org"),
				Arguments.of("under_score.org", "underscores (_) are not allowed"),
				Arguments.of("_dmarc.example.org", "underscores (_) are not allowed"),
				Arguments.of("x.org\nevil.org", invisible),
				Arguments.of("x.org\r\nHost: evil.org", invisible),
				Arguments.of("x\u0000.org", invisible),
				Arguments.of("x.org\u0000", invisible),
				Arguments.of("x\t.org", invisible),
				Arguments.of("x\u00a0y.org", invisible),
				Arguments.of("pay\u200bpal.com", invisible),
				Arguments.of("moc\u202eelgoog.org", invisible),
				Arguments.of("x.org;", chars + "\";\""),
				Arguments.of("$x.org", chars + "\"$\""),
				Arguments.of("{x}.org", chars + "\"{\""),
				Arguments.of("\"x.org\"", chars + "\"\\\"\""),
				Arguments.of("'x.org'", chars + "\"'\""),
				Arguments.of("x\\.org", chars + "\"\\\\\""),
				Arguments.of("x%2e.org", chars + "\"%\""),
				Arguments.of("%2e%2e", chars + "\"%\""),
				Arguments.of("user@x.org", chars + "\"@\""),
				Arguments.of("x.org?q=1", chars + "\"?\""),
				Arguments.of("x.org#top", chars + "\"#\""),
				Arguments.of("x,y.org", chars + "\",\""),
				Arguments.of("<script>.org", chars + "\"<\""),
				Arguments.of("a\u2044b.org", chars + "\"\u2044\""),
				Arguments.of("ｘ．ｏｒｇ／path", chars + "\"／\""),
				Arguments.of("\u2460.org", chars + "\"\u2460\""),
				Arguments.of("\ud83d\ude00.org", chars + "\"\ud83d\ude00\""),
				Arguments.of("a\u0378b.org", chars + "\"\\u0378\""),
				Arguments.of("\u05d0a.org", "cannot be written as an internationalised domain name"),
				Arguments.of("\u0301x.org", "may not start with an accent or another combining mark"),
				Arguments.of("straße.de", "\"ß\" is written differently by different browsers"),
				Arguments.of("xn--garbage.org", punycode),
				Arguments.of("xn--zz.org", punycode),
				Arguments.of("xn--ab-c6t.org", chars + "\"\u2044\""),
				Arguments.of("ab--cd.org", "two hyphens in the third and fourth places"),
				Arguments.of("localhost", "it needs at least two parts"),
				Arguments.of("foo.localhost", localhost),
				Arguments.of("a.b.LOCALHOST.", localhost),
				Arguments.of("sites.school.org", sites),
				Arguments.of("alice.sites.school.org", sites),
				Arguments.of("Alice.Sites.School.Org.", sites),
				Arguments.of("director.school.org", portal),
				Arguments.of("x.director.school.org", portal));
	}

	@ParameterizedTest
	@MethodSource("badNames")
	void everythingElseIsRefusedSayingWhatIsWrong(String input, String reason) {
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse(input).requireNotOwnedByPlatform(SITES, PORTAL))
			.withMessageContaining(reason)
			.withMessageEndingWith(".");
	}

	@Test
	void thereAreAtLeastFiftyCraftedBadNames() {
		assertThat(badNames().count()).isGreaterThanOrEqualTo(50);
	}

	@Test
	void aMessageShowsTheNameAsTypedWithInvisibleCharactersEscaped() {
		assertThatExceptionOfType(InvalidDomainException.class).isThrownBy(() -> CustomDomain.parse("a\u202eb.org\n"))
			.withMessage("\"a\\u202eb.org\" is not a domain name: it contains a space, a line break or another"
					+ " invisible character.");
		assertThatExceptionOfType(InvalidDomainException.class).isThrownBy(() -> CustomDomain.parse("a_b.org"))
			.withMessage("\"a_b.org\" is not a domain name: underscores (_) are not allowed in the name of a website.");
	}

	@Test
	void aNameMixingScriptsIsAcceptedAsThePunycodeThatShowsItIsNotTheNameItImitates() {
		// The Cyrillic а makes this another domain than example.org, which its owner must prove to hold like any.
		assertThat(CustomDomain.parse("ex\u0430mple.org").name()).isEqualTo("xn--exmple-4nf.org");
	}

	@Test
	void theNameIsShownToPeopleInUnicode() {
		assertThat(CustomDomain.parse("XN--BCHER-KVA.example").unicodeName()).isEqualTo("bücher.example");
		assertThat(CustomDomain.parse("www.example.org").unicodeName()).isEqualTo("www.example.org");
	}

	@Test
	void withoutAPortalNameOnlyLocalhostAndTheSitesDomainAreThePlatforms() {
		assertThat(CustomDomain.parse("director.school.org").requireNotOwnedByPlatform(SITES, "").name())
			.isEqualTo("director.school.org");
		assertThat(CustomDomain.parse("director.school.org").requireNotOwnedByPlatform(SITES, null).name())
			.isEqualTo("director.school.org");
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse("a.sites.school.org").requireNotOwnedByPlatform(SITES, null));
	}

	@Test
	void thePlatformsNamesAreComparedInTheirNormalForm() {
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse("a.sites.school.org").requireNotOwnedByPlatform(" Sites.School.Org. ",
					PORTAL));
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse("director.school.org").requireNotOwnedByPlatform(SITES,
					"Director.School.Org:8443"))
			.withMessageContaining("the portal's name, director.school.org,");
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse("www.xn--bcher-kva.example")
				.requireNotOwnedByPlatform("bücher.example", PORTAL));
	}

	@Test
	void theDefaultSitesDomainIsUnderLocalhost() {
		assertThatExceptionOfType(InvalidDomainException.class)
			.isThrownBy(() -> CustomDomain.parse("alice.sites.localhost").requireNotOwnedByPlatform("sites.localhost",
					null))
			.withMessageContaining("localhost");
	}

	@Test
	void twoDomainsAreEqualWhenTheirNormalFormsAre() {
		assertThat(CustomDomain.parse("WWW.Example.org.")).isEqualTo(CustomDomain.parse("www.example.org"))
			.hasSameHashCodeAs(CustomDomain.parse("www.example.org"))
			.hasToString("www.example.org");
		assertThat(CustomDomain.parse("a.example.org")).isNotEqualTo(CustomDomain.parse("b.example.org"));
	}

	@Test
	void whateverRandomInputIsAcceptedIsAHostNameInItsNormalForm() {
		// Parts of name-like characters with some of every kind that breaks a rule mixed in; a fixed seed makes a
		// failure repeat.
		int[] good = "abxyzAZ09-äÄé例".codePoints().toArray();
		int[] bad = ". _*:/\t\u0000%[]@ß\u0301\u200b\u3002\uff0e\u2044\ud83d\ude00".codePoints().toArray();
		Random random = new Random(14);
		int accepted = 0;
		for (int i = 0; i < 20_000; i++) {
			StringBuilder input = new StringBuilder();
			int labels = 1 + random.nextInt(4);
			for (int label = 0; label < labels; label++) {
				input.append(label == 0 ? "" : ".");
				for (int length = random.nextInt(9); length > 0; length--) {
					int[] from = random.nextInt(20) == 0 ? bad : good;
					input.appendCodePoint(from[random.nextInt(from.length)]);
				}
			}
			String name;
			try {
				name = CustomDomain.parse(input.toString()).name();
			}
			catch (InvalidDomainException ex) {
				continue;
			}
			accepted++;
			assertThat(HostNames.isValid(name)).as("%s from %s", name, input).isTrue();
			assertThat(CustomDomain.parse(name).name()).as("%s from %s", name, input).isEqualTo(name);
		}
		assertThat(accepted).as("names accepted out of 20000").isGreaterThan(1000);
	}
}
