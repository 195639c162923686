package edu.tjhsst.director.common.domain;

import static edu.tjhsst.director.common.domain.InvalidDomainException.notADomain;
import static edu.tjhsst.director.common.text.Quoting.quote;

import java.net.IDN;
import java.util.Locale;

/**
 * The rules for one part of a custom domain between dots (a DNS label), and its conversion to lowercase ASCII:
 * Unicode parts become punycode ({@code xn--…}) by {@link IDN#toASCII(String, int)} with the STD3 rules, and parts
 * already in punycode must decode to a name that converts back to exactly them.
 */
final class DomainLabels {

	/** The most characters one part may have, in its ASCII form. */
	static final int MAX_LENGTH = 63;

	private DomainLabels() {
	}

	/** The part in lowercase ASCII; throws naming the whole input when it cannot be part of a domain name. */
	static String toAscii(String input, String label) {
		if (label.isEmpty()) {
			throw notADomain(input, "it has an empty part: two dots in a row, or a dot at the start or end");
		}
		String ascii = label.chars().allMatch(c -> c < 0x80) ? plain(input, label) : fromUnicode(input, label);
		if (ascii.length() > MAX_LENGTH) {
			throw notADomain(input, "each part between dots may have at most " + MAX_LENGTH + " characters, and "
					+ quote(ascii) + " has " + ascii.length());
		}
		if (ascii.startsWith("-") || ascii.endsWith("-")) {
			throw notADomain(input, "a part may not start or end with a hyphen, as " + quote(label) + " does");
		}
		if (ascii.length() >= 4 && ascii.startsWith("--", 2)) {
			if (!ascii.startsWith("xn--")) {
				throw notADomain(input, "two hyphens in the third and fourth places, as in " + quote(label)
						+ ", are kept for internationalised names, which start with xn--");
			}
			requireValidPunycode(input, ascii);
		}
		return ascii;
	}

	private static String plain(String input, String label) {
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			if (!isLetterDigitOrHyphen(c)) {
				throw onlyLettersDigitsAndHyphens(input, c);
			}
		}
		return label.toLowerCase(Locale.ROOT);
	}

	private static String fromUnicode(String input, String label) {
		requireLettersAndMarks(input, label, label);
		try {
			return IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			// Java gives reasons such as "does not conform to the rules for BiDi code points"; none is for students.
			throw notADomain(input, quote(label) + " cannot be written as an internationalised domain name (xn--…):"
					+ " it mixes writing directions or uses characters the standard does not allow");
		}
	}

	/**
	 * Letters, digits and combining marks only, and no mark first: what IDNA 2008 allows, roughly. Java's IDN follows
	 * IDNA 2003, which also takes symbols and punctuation (a fraction slash that looks like "/", a circled 1 that
	 * becomes "1"), so those are refused here before it sees them.
	 */
	private static void requireLettersAndMarks(String input, String label, String shownLabel) {
		int first = label.codePointAt(0);
		if (isMark(first)) {
			throw notADomain(input, "a part may not start with an accent or another combining mark, as "
					+ quote(shownLabel) + " does");
		}
		label.codePoints().forEach(c -> {
			if (c == 'ß' || c == 'ς') {
				// IDNA 2003 writes them as ss and σ, IDNA 2008 keeps them: two browsers, two different domains.
				throw notADomain(input, quote(new String(Character.toChars(c))) + " is written differently by"
						+ " different browsers, so names with it are not supported");
			}
			if (c < 0x80 ? !isLetterDigitOrHyphen(c) : !(Character.isLetterOrDigit(c) || isMark(c))) {
				throw onlyLettersDigitsAndHyphens(input, c);
			}
		});
	}

	/** A part in punycode must decode, hold only what a Unicode part may, and encode back to itself. */
	private static void requireValidPunycode(String input, String ascii) {
		String unicode = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
		boolean valid = !unicode.equals(ascii);
		if (valid) {
			requireLettersAndMarks(input, unicode, ascii);
			try {
				valid = IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equals(ascii);
			}
			catch (IllegalArgumentException ex) {
				valid = false;
			}
		}
		if (!valid) {
			throw notADomain(input, quote(ascii) + " starts with xn-- but is not a valid internationalised name");
		}
	}

	private static boolean isLetterDigitOrHyphen(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
	}

	private static boolean isMark(int c) {
		int type = Character.getType(c);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
	}

	private static InvalidDomainException onlyLettersDigitsAndHyphens(String input, int c) {
		return notADomain(input, "the parts between dots may only use letters, digits and hyphens, not "
				+ quote(new String(Character.toChars(c))));
	}

}
