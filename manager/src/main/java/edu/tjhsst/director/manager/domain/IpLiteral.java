package edu.tjhsst.director.manager.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written out, as settings and DNS answers hold it, for comparing addresses by value
 * ({@code 2001:db8::1} is {@code 2001:db8:0:0:0:0:0:1}).
 */
final class IpLiteral {

	private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

	private IpLiteral() {
	}

	/** The address, or empty when the text is not one; never a DNS lookup, which a host name would cause. */
	static Optional<InetAddress> parse(String text) {
		String address = text == null ? "" : text.strip();
		if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(address));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
