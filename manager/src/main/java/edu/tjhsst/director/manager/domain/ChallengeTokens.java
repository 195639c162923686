package edu.tjhsst.director.manager.domain;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Makes the tokens site owners put in a TXT record to prove they hold a domain: 160 random bits from
 * {@link SecureRandom}, written as 32 lowercase base32 characters (letters and the digits 2 to 7), which survive
 * being copied into any DNS provider's form. Nobody can guess another site's token, so nobody can claim a domain
 * with a record that was put there for someone else.
 */
@Component
public class ChallengeTokens {

	/** 160 bits: exactly 32 base32 characters of 5 bits each. */
	private static final int BYTES = 20;

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final SecureRandom random = new SecureRandom();

	/** A new token. */
	public String next() {
		byte[] bytes = new byte[BYTES];
		random.nextBytes(bytes);
		StringBuilder token = new StringBuilder(BYTES * 8 / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				token.append(BASE32[(buffer >> bits) & 0x1f]);
			}
		}
		return token.toString();
	}

}
