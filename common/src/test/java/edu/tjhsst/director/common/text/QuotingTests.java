package edu.tjhsst.director.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Refused input shown back in a message: quoted, short, and with nothing that would not show as itself. */
class QuotingTests {

	@Test
	void plainTextIsShownInQuotes() {
		assertThat(Quoting.quote("my site")).isEqualTo("\"my site\"");
		assertThat(Quoting.quote("bücher.example")).isEqualTo("\"bücher.example\"");
		assertThat(Quoting.quote("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
	}

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThat(Quoting.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
	}

	@Test
	void lineBreaksAndControlCharactersAreEscaped() {
		assertThat(Quoting.quote("a\nb\tc\u0000d\u007fe\u0085")).isEqualTo("\"a\\nb\\u0009c\\u0000d\\u007fe\\u0085\"");
	}

	@Test
	void invisibleAndDirectionChangingCharactersAreEscaped() {
		// A right-to-left override would turn the rest of the message around; a zero-width space would hide.
		assertThat(Quoting.quote("a\u202eb\u200bc\u00a0d\u2028e")).isEqualTo("\"a\\u202eb\\u200bc\\u00a0d\\u2028e\"");
		assertThat(Quoting.quote("a\udb80\udc00")).isEqualTo("\"a\\u{f0000}\"");
	}

	@Test
	void longValuesAreCutAfterFortyCharacters() {
		assertThat(Quoting.quote("x".repeat(40))).isEqualTo("\"" + "x".repeat(40) + "\"");
		assertThat(Quoting.quote("x".repeat(41))).isEqualTo("\"" + "x".repeat(40) + "…\"");
	}

	@Test
	void nothingIsShownAsNull() {
		assertThat(Quoting.quote(null)).isEqualTo("null");
	}

}
