package edu.tjhsst.director.common.domain;

import static edu.tjhsst.director.common.text.Quoting.quote;

import java.net.IDN;
import java.util.Locale;

/**
 * A domain name a site may be served on besides its own: {@code www.example.org}, never a wildcard, an address or a
 * name with a scheme, port or path. Only {@link #parse} makes one, so holding a CustomDomain means its name is in the
 * normal form (lowercase ASCII, Unicode parts as {@code xn--…} punycode, no trailing dot) and is a valid host name
 * for Nginx, a certificate request and SQL alike. Two domains are equal when their names are.
 */
public final class CustomDomain {

	private final String name;

	private CustomDomain(String name) {
		this.name = name;
	}

	/**
	 * The domain named by what someone typed: surrounding whitespace and one trailing dot are dropped, Unicode
	 * becomes punycode and letters lowercase ({@code Bücher.Example.} is {@code xn--bcher-kva.example}).
	 * @throws InvalidDomainException saying, in a sentence for the person who typed it, what is wrong
	 */
	public static CustomDomain parse(String input) {
		return new CustomDomain(DomainNameRules.normalise(input));
	}

	/**
	 * This domain, unless it is one of the names the platform answers to itself: {@code localhost} and any name
	 * under it, the sites domain and any name under it (each site has its own name there already), and the
	 * portal's host name and any name under it.
	 * @param sitesDomain the domain sites are named under, like {@code sites.school.org}
	 * @param portalHost the host name people reach the portal by, like {@code director.school.org}; blank or null
	 *        when the platform does not know it, and then only localhost and the sites domain are refused
	 * @throws InvalidDomainException saying which of the platform's names this is
	 */
	public CustomDomain requireNotOwnedByPlatform(String sitesDomain, String portalHost) {
		if (isAtOrUnder("localhost")) {
			throw new InvalidDomainException(quote(name) + " is a name of the computer itself (localhost), not a"
					+ " domain a site can be served on.");
		}
		String sites = hostName(sitesDomain);
		if (sites != null && isAtOrUnder(sites)) {
			throw new InvalidDomainException(quote(name) + " belongs to the platform: sites have their own names under "
					+ sites + " already, and names there cannot be added as custom domains.");
		}
		String portal = hostName(portalHost);
		if (portal != null && isAtOrUnder(portal)) {
			throw new InvalidDomainException(quote(name) + " belongs to the platform: it is the portal's name, "
					+ portal + ", or a name under it.");
		}
		return this;
	}

	private boolean isAtOrUnder(String parent) {
		return name.equals(parent) || name.endsWith("." + parent);
	}

	/** A configured name as the comparison needs it: lowercase ASCII without a trailing dot or a port. */
	private static String hostName(String configured) {
		if (configured == null || configured.isBlank()) {
			return null;
		}
		String host = configured.strip().toLowerCase(Locale.ROOT).replaceFirst(":[0-9]*$", "").replaceFirst("\\.$", "");
		try {
			return IDN.toASCII(host).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			// Not a name IDN can convert, so no custom domain can equal it; compare it as it is.
			return host;
		}
	}

	/** The name in its normal form: what DNS, Nginx, certificates and the database use. */
	public String name() {
		return name;
	}

	/** The name as people read it, Unicode parts decoded ({@code bücher.example}); for display only. */
	public String unicodeName() {
		return IDN.toUnicode(name);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CustomDomain domain && domain.name.equals(name);
	}

	@Override
	public int hashCode() {
		return name.hashCode();
	}

	@Override
	public String toString() {
		return name;
	}

}
