package edu.tjhsst.director.common.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;

class TerminalTokensTests {

	private static final SigningKey KEY = SigningKey.of("manager-and-orchestrator-share-this-key-0123");

	private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

	private final TerminalTokens manager = new TerminalTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

	private final TerminalTokens orchestrator = new TerminalTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

	private static TerminalGrant shell(Instant expires) {
		return new TerminalGrant(7, "my-site", "alice", TerminalMode.SHELL, null, true, "director/runtime-plain:1",
				SiteLimits.DEFAULTS, expires, TerminalTokens.nonce());
	}

	@Test
	void aMintedTokenCarriesItsGrantToTheOrchestratorOnce() {
		TerminalGrant grant = shell(manager.expiry());
		String token = manager.mint(grant);

		assertThat(orchestrator.verify(token)).isEqualTo(grant);
		assertThatExceptionOfType(TerminalTokenException.class).isThrownBy(() -> orchestrator.verify(token))
			.withMessage("terminal token already used");
	}

	@Test
	void aTokenUnderAnotherKeyOrChangedOnTheWayIsRefused() {
		String forged = new TerminalTokens(SigningKey.of("someone-else-entirely-0123456789abcdef"),
				Clock.fixed(NOW, ZoneOffset.UTC)).mint(shell(NOW.plusSeconds(30)));
		String token = manager.mint(shell(NOW.plusSeconds(30)));
		String payload = token.substring(0, token.indexOf('.'));
		String tampered = payload.substring(0, payload.length() - 2) + "AA" + token.substring(token.indexOf('.'));

		assertThatExceptionOfType(TerminalTokenException.class).isThrownBy(() -> orchestrator.verify(forged))
			.withMessage("terminal token signature does not match");
		assertThatExceptionOfType(TerminalTokenException.class).isThrownBy(() -> orchestrator.verify(tampered))
			.withMessage("terminal token signature does not match");
		assertThatExceptionOfType(TerminalTokenException.class).isThrownBy(() -> orchestrator.verify("nonsense"))
			.withMessage("malformed terminal token");
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = manager.mint(shell(NOW.plusSeconds(30)));
		TerminalTokens later = new TerminalTokens(KEY, Clock.fixed(NOW.plus(Duration.ofSeconds(40)), ZoneOffset.UTC));

		assertThatExceptionOfType(TerminalTokenException.class).isThrownBy(() -> later.verify(token))
			.withMessage("terminal token expired");
	}

	@Test
	void noTokenMayLiveLongerThanAMinute() {
		assertThatIllegalArgumentException().isThrownBy(() -> manager.mint(shell(NOW.plusSeconds(61))));
	}

	@Test
	void aGrantMustBeConsistentWithItsMode() {
		TerminalGrant sftpOnATerminal = new TerminalGrant(7, "my-site", "alice", TerminalMode.SFTP, null, true,
				"director/runtime-plain:1", SiteLimits.DEFAULTS, NOW, TerminalTokens.nonce());
		TerminalGrant execWithoutCommand = new TerminalGrant(7, "my-site", "alice", TerminalMode.EXEC, null, false,
				"director/runtime-plain:1", SiteLimits.DEFAULTS, NOW, TerminalTokens.nonce());
		TerminalGrant foreignImage = new TerminalGrant(7, "my-site", "alice", TerminalMode.SHELL, null, true,
				"ubuntu:latest", SiteLimits.DEFAULTS, NOW, TerminalTokens.nonce());

		assertThat(sftpOnATerminal.problems()).containsExactly("SFTP runs without a terminal");
		assertThat(execWithoutCommand.problems()).hasSize(1);
		assertThat(foreignImage.problems()).containsExactly("image must be one of Director's local images with a tag");
	}

}
