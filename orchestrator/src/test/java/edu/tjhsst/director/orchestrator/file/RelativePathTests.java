package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/** The whitelist every caller's path passes before the file system sees it. */
class RelativePathTests {

	@Test
	void plainNamesAreSplitIntoSegments() {
		assertThat(RelativePath.parse("public/css/site.css").segments()).containsExactly("public", "css", "site.css");
		assertThat(RelativePath.parse("public/css/site.css")).hasToString("public/css/site.css");
	}

	@Test
	void nothingOrAnEmptyPathIsTheRoot() {
		assertThat(RelativePath.parse(null).isRoot()).isTrue();
		assertThat(RelativePath.parse("").isRoot()).isTrue();
		assertThat(RelativePath.parse("")).hasToString("");
	}

	@ParameterizedTest
	@ValueSource(strings = { ".home", "...", ".. ", " ..", "a..b", "index.html.", "my file.txt", "\u2024\u2024",
			"\uff0e\uff0e", "%2e%2e", "café/naïve.txt", "日本語", "emoji-\ud83d\ude00", "-rf", "~", "$HOME", "*", "a:b" })
	void unusualButHarmlessNamesAreAccepted(String path) {
		assertThat(RelativePath.parse(path)).hasToString(path);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/etc/passwd", "//x", "..", "../x", "x/..", "x/../y", ".", "./x", "x/.", "x//y",
			"x/", "a\\b", "\\", "..\\x", "a\u0000b", "\u0000", "a\nb", "\t", "\r", "\u007f", "\u0085", "\u009b",
			"a\ufffdb", "\ud800", "x\udc00" })
	void dangerousOrMalformedPathsAreRefused(String path) {
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> RelativePath.parse(path))
			.withMessageStartingWith("not an acceptable path: ");
	}

	@Test
	void aNameMayHave255BytesButNoMore() {
		assertThat(RelativePath.parse("a".repeat(255)).segments()).hasSize(1);
		assertThat(RelativePath.parse("é".repeat(127) + "a").segments()).hasSize(1);
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> RelativePath.parse("a".repeat(256)))
			.withMessageContaining("longer than 255 bytes");
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> RelativePath.parse("é".repeat(128)));
	}

	@Test
	void aPathMayHave4096BytesButNoMore() {
		String longest = ("a".repeat(254) + "/").repeat(16) + "b".repeat(16);
		assertThat(longest.length()).isEqualTo(4096);
		assertThat(RelativePath.parse(longest).segments()).hasSize(17);
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> RelativePath.parse(longest + "c"))
			.withMessageContaining("longer than 4096 bytes");
	}

	@Test
	void theMessageShowsControlCharactersEscapedAndLongPathsShortened() {
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> RelativePath.parse("a\u0000b"))
			.withMessage("not an acceptable path: a\\u0000b (contains a control character)");
		assertThatExceptionOfType(RejectedInputException.class)
			.isThrownBy(() -> RelativePath.parse("../" + "x".repeat(500)))
			.withMessageContaining("x…");
	}

	@Test
	void pathsKnowTheirParentNameAndAncestors() {
		RelativePath path = RelativePath.parse("public/css/site.css");

		assertThat(path.name()).isEqualTo("site.css");
		assertThat(path.parent()).isEqualTo(new RelativePath(List.of("public", "css")));
		assertThat(path.isWithin(RelativePath.parse("public"))).isTrue();
		assertThat(path.isWithin(RelativePath.parse("publ"))).isFalse();
		assertThat(path.isWithin(RelativePath.ROOT)).isTrue();
		assertThat(RelativePath.ROOT.parent()).isEqualTo(RelativePath.ROOT);
	}

}
