package edu.tjhsst.director.common.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureVerifierTests {

	private static final SigningKey KEY = SigningKey.of("k".repeat(40));

	private static final SigningKey OTHER_KEY = SigningKey.of("o".repeat(40));

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

	private final SignatureVerifier verifier = new SignatureVerifier(
			Map.of("manager", Caller.anyPath(KEY), "shell", new Caller(KEY, List.of("/shell"))),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private static Map<String, String> sign(String caller, SigningKey key, Instant at, String method, String path,
			byte[] body) {
		return new RequestSigner(caller, key, Clock.fixed(at, ZoneOffset.UTC)).headers(method, path, body);
	}

	private String verify(Map<String, String> headers, String method, String path, byte[] body) {
		return verifier.verify(method, path, body, headers::get);
	}

	@Test
	void aCorrectlySignedRequestIsAcceptedAndNamesItsCaller() {
		Map<String, String> headers = sign("manager", KEY, NOW, "PUT", "/sites/1", BODY);
		assertThat(verify(headers, "PUT", "/sites/1", BODY)).isEqualTo("manager");
	}

	@Test
	void aRequestWithoutSignatureHeadersIsRefused() {
		assertThatThrownBy(() -> verify(Map.of(), "GET", "/sites/1", new byte[0]))
			.isInstanceOf(SignatureRejectedException.class).hasMessage("request is not signed");
	}

	@Test
	void aRequestSignedWithTheWrongKeyIsRefused() {
		Map<String, String> headers = sign("manager", OTHER_KEY, NOW, "PUT", "/sites/1", BODY);
		assertThatThrownBy(() -> verify(headers, "PUT", "/sites/1", BODY)).hasMessage("signature does not match");
	}

	@Test
	void aChangedBodyPathOrMethodBreaksTheSignature() {
		assertThatThrownBy(() -> verify(sign("manager", KEY, NOW, "PUT", "/sites/1", BODY), "PUT", "/sites/1",
				"{\"id\":2}".getBytes(StandardCharsets.UTF_8))).hasMessage("signature does not match");
		assertThatThrownBy(() -> verify(sign("manager", KEY, NOW, "PUT", "/sites/1", BODY), "PUT", "/sites/2", BODY))
			.hasMessage("signature does not match");
		assertThatThrownBy(() -> verify(sign("manager", KEY, NOW, "PUT", "/sites/1", BODY), "DELETE", "/sites/1", BODY))
			.hasMessage("signature does not match");
	}

	@Test
	void aSignatureOlderOrNewerThanSixtySecondsIsStale() {
		Map<String, String> old = sign("manager", KEY, NOW.minus(Duration.ofSeconds(61)), "GET", "/sites", new byte[0]);
		Map<String, String> future = sign("manager", KEY, NOW.plus(Duration.ofSeconds(61)), "GET", "/sites", new byte[0]);
		assertThatThrownBy(() -> verify(old, "GET", "/sites", new byte[0])).hasMessage("signature is stale");
		assertThatThrownBy(() -> verify(future, "GET", "/sites", new byte[0])).hasMessage("signature is stale");
		Map<String, String> recent = sign("manager", KEY, NOW.minus(Duration.ofSeconds(59)), "GET", "/sites", new byte[0]);
		assertThat(verify(recent, "GET", "/sites", new byte[0])).isEqualTo("manager");
	}

	@Test
	void aReplayedRequestIsRefusedTheSecondTime() {
		Map<String, String> headers = sign("manager", KEY, NOW, "DELETE", "/sites/1", new byte[0]);
		verify(headers, "DELETE", "/sites/1", new byte[0]);
		assertThatThrownBy(() -> verify(headers, "DELETE", "/sites/1", new byte[0])).hasMessage("request was replayed");
	}

	@Test
	void anUnknownCallerIsRefused() {
		Map<String, String> headers = sign("intruder", KEY, NOW, "GET", "/sites", new byte[0]);
		assertThatThrownBy(() -> verify(headers, "GET", "/sites", new byte[0])).hasMessage("unknown caller");
	}

	@Test
	void aCallerLimitedToSomePathsIsRefusedElsewhere() {
		assertThat(verify(sign("shell", KEY, NOW, "GET", "/shell/sessions", new byte[0]), "GET", "/shell/sessions",
				new byte[0])).isEqualTo("shell");
		assertThatThrownBy(() -> verify(sign("shell", KEY, NOW, "GET", "/shellfish", new byte[0]), "GET", "/shellfish",
				new byte[0])).hasMessage("caller may not use this path");
		assertThatThrownBy(() -> verify(sign("shell", KEY, NOW, "PUT", "/sites/1", BODY), "PUT", "/sites/1", BODY))
			.hasMessage("caller may not use this path");
	}

	@Test
	void aForgedHeaderSetCannotSpendAnotherRequestsNonce() {
		Map<String, String> genuine = sign("manager", KEY, NOW, "GET", "/sites", new byte[0]);
		Map<String, String> forged = new HashMap<>(genuine);
		forged.put(SignatureHeaders.SIGNATURE, "not-a-signature");
		assertThatThrownBy(() -> verify(forged, "GET", "/sites", new byte[0])).hasMessage("signature does not match");
		assertThat(verify(genuine, "GET", "/sites", new byte[0])).isEqualTo("manager");
	}

	@Test
	void keysShorterThanThirtyTwoCharactersAreRefusedAndNeverPrinted() {
		assertThatThrownBy(() -> SigningKey.of("short")).isInstanceOf(IllegalArgumentException.class);
		assertThat(KEY.toString()).doesNotContain("kkkk");
	}

}
