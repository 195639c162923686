package edu.tjhsst.director.orchestrator.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tokens the operators' file makes live, and when the file itself is not believed. */
class OperatorTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final String ALICE = "dop_" + "a".repeat(43);

	private static final String BOB = "dop_" + "b".repeat(43);

	@TempDir
	Path dir;

	@Test
	void aTokenIsItsOperatorsUntilItExpires() throws IOException {
		OperatorTokens tokens = tokens("# operators\n" + line("alice", ALICE, NOW.plusSeconds(60)) + "\n"
				+ line("bob", BOB, NOW) + "\n");

		assertThat(tokens.operator(ALICE)).contains("alice");
		assertThat(tokens.operator(BOB)).as("expiring now").isEmpty();
	}

	@Test
	void whatIsNotALineOfTheFileOrNotATokenOpensNothing() throws IOException {
		OperatorTokens tokens = tokens(line("alice", ALICE, NOW.plusSeconds(60)) + " extra\n"
				+ "Bob " + OperatorTokens.sha256(BOB) + " 9999999999\n");

		assertThat(tokens.operator(ALICE)).isEmpty();
		assertThat(tokens.operator(BOB)).as("a name in capitals").isEmpty();
		assertThat(tokens.operator(null)).isEmpty();
		assertThat(tokens.operator(OperatorTokens.sha256(ALICE))).as("the hash itself").isEmpty();
	}

	@Test
	void aFileOthersMayWriteOrALinkIsNotBelievedAndNoFileMeansNoOperator() throws IOException {
		OperatorTokens tokens = tokens(line("alice", ALICE, NOW.plusSeconds(60)) + "\n");
		assertThat(tokens.operator(ALICE)).isPresent();

		Files.setPosixFilePermissions(dir.resolve("tokens"), PosixFilePermissions.fromString("rw-rw-r--"));
		assertThat(tokens.operator(ALICE)).isEmpty();

		Files.setPosixFilePermissions(dir.resolve("tokens"), PosixFilePermissions.fromString("rw-------"));
		Files.move(dir.resolve("tokens"), dir.resolve("elsewhere"));
		Files.createSymbolicLink(dir.resolve("tokens"), dir.resolve("elsewhere"));
		assertThat(tokens.operator(ALICE)).as("a link to a good file").isEmpty();

		Files.delete(dir.resolve("tokens"));
		assertThat(tokens.operator(ALICE)).isEmpty();
	}

	private OperatorTokens tokens(String content) throws IOException {
		Path file = dir.resolve("tokens");
		Files.writeString(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return new OperatorTokens(file, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static String line(String name, String token, Instant expires) {
		return String.join(" ", List.of(name, OperatorTokens.sha256(token), Long.toString(expires.getEpochSecond())));
	}

}
