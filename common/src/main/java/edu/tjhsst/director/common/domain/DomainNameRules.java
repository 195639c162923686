package edu.tjhsst.director.common.domain;

import static edu.tjhsst.director.common.domain.InvalidDomainException.notADomain;
import static edu.tjhsst.director.common.text.Quoting.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for a whole custom domain name, from what was typed to its one normal form: lowercase ASCII, Unicode
 * parts as punycode, no trailing dot. Whatever passes is also a valid host name for an Nginx template, a certificate
 * request and SQL. Each refusal names the first thing wrong, in the order a person would fix them: what is not part
 * of a name at all (a scheme, a path, a port, spaces), then the parts between dots ({@link DomainLabels}), then the
 * name as a whole.
 */
final class DomainNameRules {

	/** The most characters a domain name may have in DNS, written with dots and without the trailing one. */
	static final int MAX_LENGTH = 253;

	/** Longer input is refused before anything else is done with it; even in Unicode no name comes near it. */
	private static final int MAX_INPUT = 1000;

	/** The dots IDNA separates parts at: ASCII's and the ideographic and full-width ones. */
	private static final Pattern SEPARATORS = Pattern.compile("[.\u3002\uff0e\uff61]");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private static final Pattern LETTERS = Pattern.compile("[a-z]+");

	private DomainNameRules() {
	}

	/** The name in its normal form; throws saying what is wrong when it cannot be a custom domain. */
	static String normalise(String input) {
		String text = input == null ? "" : input.strip();
		if (text.isEmpty()) {
			throw new InvalidDomainException("Enter a domain name, like www.example.org.");
		}
		if (text.length() > MAX_INPUT) {
			throw tooLong(text, text.length());
		}
		refuseWhatIsNotAName(text);
		// Exactly one trailing dot is how DNS tools print a name (www.example.org.); it names the same domain.
		String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
		List<String> labels = new ArrayList<>();
		for (String label : SEPARATORS.split(name, -1)) {
			labels.add(DomainLabels.toAscii(text, label));
		}
		String ascii = String.join(".", labels);
		refuseAsAWhole(text, ascii, labels);
		return ascii;
	}

	/** Schemes, paths, ports, wildcards, spaces and underscores: things people paste along with a name. */
	private static void refuseWhatIsNotAName(String text) {
		if (text.contains("://")) {
			throw notADomain(text, "leave out the http:// or https:// at the start and give the name alone, like"
					+ " www.example.org");
		}
		if (text.codePoints().anyMatch(DomainNameRules::invisible)) {
			throw notADomain(text, "it contains a space, a line break or another invisible character");
		}
		if (text.indexOf('/') >= 0) {
			throw notADomain(text, "leave out everything from the first \"/\" on; a domain name has no path");
		}
		if (text.indexOf('*') >= 0) {
			throw notADomain(text, "wildcards (*) are not supported; add each name, like www.example.org, on its own");
		}
		if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0 || text.indexOf(':') != text.lastIndexOf(':')) {
			throw anIpAddress(text);
		}
		if (text.indexOf(':') >= 0) {
			throw notADomain(text, "leave out the port (" + quote(text.substring(text.indexOf(':'))) + "); sites are"
					+ " served on the usual ports, 80 and 443");
		}
		if (text.indexOf('_') >= 0) {
			throw notADomain(text, "underscores (_) are not allowed in the name of a website");
		}
	}

	private static boolean invisible(int c) {
		if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
			return true;
		}
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT;
	}

	/** What only the whole name shows: too few parts, an IP address, its length, a top-level domain. */
	private static void refuseAsAWhole(String text, String ascii, List<String> labels) {
		if (labels.size() < 2) {
			throw notADomain(text, "it needs at least two parts separated by a dot, like example.org");
		}
		if (labels.stream().allMatch(label -> DIGITS.matcher(label).matches())) {
			throw anIpAddress(text);
		}
		if (ascii.length() > MAX_LENGTH) {
			throw tooLong(text, ascii.length());
		}
		String last = labels.get(labels.size() - 1);
		if (!LETTERS.matcher(last).matches() && !last.startsWith("xn--")) {
			throw notADomain(text, "the last part, " + quote(last) + ", must be a top-level domain made of letters,"
					+ " like org");
		}
	}

	private static InvalidDomainException anIpAddress(String text) {
		return new InvalidDomainException(quote(text) + " is an IP address, not a domain name: give the name that"
				+ " points to it, like www.example.org.");
	}

	private static InvalidDomainException tooLong(String text, int length) {
		return new InvalidDomainException(quote(text) + " is too long for a domain name: it may have at most "
				+ MAX_LENGTH + " characters (internationalised parts counted as xn--…), and this one has " + length
				+ ".");
	}

}
