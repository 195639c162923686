package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.api.BadRequestException;

/** The small rules of the files API: modes, text or binary, sizes in messages. */
class FileRulesTests {

	@Test
	void aModeOfThreeOrFourOctalDigitsBecomesItsPermissions() {
		assertThat(PosixFilePermissions.toString(FileWrites.permissions("755"))).isEqualTo("rwxr-xr-x");
		assertThat(PosixFilePermissions.toString(FileWrites.permissions("0640"))).isEqualTo("rw-r-----");
		assertThat(PosixFilePermissions.toString(FileWrites.permissions("000"))).isEqualTo("---------");
	}

	@Test
	void specialBitsAndMalformedModesAreRefused() {
		for (String mode : new String[] { "4755", "2755", "1777", "7777" }) {
			assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> FileWrites.permissions(mode))
				.withMessage("setuid, setgid and sticky bits are not allowed");
		}
		for (String mode : new String[] { "", "75", "07555", "888", "rwx", "-755", "0x1ff", " 755" }) {
			assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> FileWrites.permissions(mode));
		}
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> FileWrites.permissions(null));
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
