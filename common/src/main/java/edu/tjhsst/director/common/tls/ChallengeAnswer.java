package edu.tjhsst.director.common.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the router answers at {@code /.well-known/acme-challenge/<token>} while an ACME server validates a name
 * ({@code PUT /challenges/<token>}). Both parts are base64url text (RFC 8555, section 8.3), checked here by whitelist
 * before they reach a file name or a file.
 * @param token the challenge's token, which names the file
 * @param keyAuthorization the token and the account key's thumbprint, which the file holds
 */
public record ChallengeAnswer(String token, String keyAuthorization) {

	private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");

	private static final Pattern KEY_AUTHORIZATION = Pattern.compile("^[A-Za-z0-9_-]{16,128}\\.[A-Za-z0-9_-]{16,128}$");

	/** Whether the text may be a challenge's token. */
	public static boolean isToken(String token) {
		return token != null && TOKEN.matcher(token).matches();
	}

	/** Everything wrong with this answer, empty when the router may publish it. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (!isToken(token)) {
			problems.add("token must be 16 to 128 characters of A-Z a-z 0-9 _ -");
		}
		if (keyAuthorization == null || !KEY_AUTHORIZATION.matcher(keyAuthorization).matches()) {
			problems.add("keyAuthorization must be <token>.<thumbprint> in base64url");
		}
		else if (isToken(token) && !keyAuthorization.startsWith(token + ".")) {
			problems.add("keyAuthorization must start with the token");
		}
		return problems;
	}

}
