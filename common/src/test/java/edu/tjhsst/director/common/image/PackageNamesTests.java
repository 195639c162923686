package edu.tjhsst.director.common.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only Debian package names pass, each shown back quoted and escaped when it does not. */
class PackageNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "jq", "cowsay", "libc6-dev", "g++", "python3.11", "0ad", "lib32z1" })
	void debianPackageNamesAreAccepted(String name) {
		assertThat(PackageNames.problems(List.of(name))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "Jq", "-jq", ".jq", "+jq", "jq;", "jq rm", "jq\n", "jq=1.6", "jq/bookworm", "jq$(id)",
			"jq_1", "ä", "a2345678901234567890123456789012345678901234567890123456789012345" })
	void anythingElseIsRefused(String name) {
		assertThat(PackageNames.problems(List.of(name))).singleElement().asString()
			.startsWith("\"")
			.endsWith("is not a Debian package name (use lowercase letters, digits, + - and .)");
	}

	@Test
	void aShellCommandIsQuotedInTheMessage() {
		assertThat(PackageNames.problems(List.of("foo; rm -rf /")))
			.containsExactly("\"foo; rm -rf /\" is not a Debian package name (use lowercase letters, digits, + - and .)");
	}

	@Test
	void controlCharactersAreShownEscaped() {
		assertThat(PackageNames.problems(List.of("jq\u001b[31m")))
			.containsExactly("\"jq\\u001b[31m\" is not a Debian package name (use lowercase letters, digits, + - and .)");
	}

	@Test
	void aNameListedTwiceIsRefused() {
		assertThat(PackageNames.problems(List.of("jq", "curl", "jq"))).containsExactly("\"jq\" is listed twice");
	}

	@Test
	void atMostFiftyPackagesMayBeAdded() {
		List<String> names = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "pkg" + i).toList();

		assertThat(PackageNames.problems(names)).containsExactly("at most 50 packages may be added, not 51");
		assertThat(PackageNames.problems(names.subList(0, 50))).isEmpty();
	}

	@Test
	void aNullNameIsRefused() {
		assertThat(PackageNames.problems(Collections.singletonList(null))).containsExactly(
				"null is not a Debian package name (use lowercase letters, digits, + - and .)");
	}

	@Test
	void theTextareaIsSplitAtWhitespaceAndCommas() {
		assertThat(PackageNames.parse("  jq, cowsay\n\tcurl,,\r\nlibpq-dev  ")).containsExactly("jq", "cowsay", "curl",
				"libpq-dev");
		assertThat(PackageNames.parse("  \n ")).isEmpty();
		assertThat(PackageNames.parse(null)).isEmpty();
	}

	@Test
	void parsingKeepsTheBadPartsForTheMessage() {
		assertThat(PackageNames.parse("foo; rm -rf /")).containsExactly("foo;", "rm", "-rf", "/");
	}

}
