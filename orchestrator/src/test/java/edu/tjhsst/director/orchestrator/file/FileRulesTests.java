package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/** The small rules of the files API: modes, text or binary, sizes in messages. */
class FileRulesTests {

	@Test
	void aModeOfThreeOrFourOctalDigitsBecomesItsPermissions() {
		assertThat(FileChanges.permissions("755")).isEqualTo(0755);
		assertThat(FileChanges.permissions("0640")).isEqualTo(0640);
		assertThat(FileChanges.permissions("000")).isZero();
	}

	@Test
	void specialBitsAndMalformedModesAreRefused() {
		for (String mode : new String[] { "4755", "2755", "1777", "7777" }) {
			assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> FileChanges.permissions(mode))
				.withMessage("setuid, setgid and sticky bits are not allowed");
		}
		for (String mode : new String[] { "", "75", "07555", "888", "rwx", "-755", "0x1ff", " 755" }) {
			assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> FileChanges.permissions(mode));
		}
		assertThatExceptionOfType(RejectedInputException.class).isThrownBy(() -> FileChanges.permissions(null));
	}

	@Test
	void textIsUtf8WithoutNulBytes() {
		assertThat(FileReads.isBinary("plain text\n".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(FileReads.isBinary("ünïcödé ✓".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(FileReads.isBinary(new byte[0])).isFalse();
		assertThat(FileReads.isBinary(new byte[] { 'a', 0 })).isTrue();
		assertThat(FileReads.isBinary(new byte[] { (byte) 0xff, (byte) 0xfe })).isTrue();
		assertThat(FileReads.isBinary(new byte[] { (byte) 0xc3 })).isTrue();
	}

	@Test
	void sizesInMessagesAreMebibytesRoundedUpToOneDecimal() {
		assertThat(Sizes.mebibytes(6L * 1024 * 1024)).isEqualTo("6");
		assertThat(Sizes.mebibytes(5L * 1024 * 1024 + 1)).isEqualTo("5.1");
		assertThat(Sizes.mebibytes(100)).isEqualTo("0.1");
		assertThat(Sizes.mebibytes(512L * 1024 * 1024)).isEqualTo("512");
	}

}
