package edu.tjhsst.director.manager.user;

import java.security.SecureRandom;

/**
 * New passwords: letters and digits (none that look alike) from SecureRandom, for people (to be shown once) and for
 * the programs the platform gives one to.
 */
public final class Passwords {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	/** 20 characters of a 57-letter alphabet: about 117 bits. */
	private static final int LENGTH = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Passwords() {
	}

	public static String generate() {
		return generate(LENGTH);
	}

	/** A password of this many characters, for a program rather than a person to type. */
	public static String generate(int length) {
		StringBuilder password = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
