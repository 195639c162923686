package edu.tjhsst.director.router;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.site.HostNames;

/**
 * An app server the router forwards site traffic to, as it appears in the router's upstream block.
 * @param host an IPv4 address or a host name
 * @param port its HTTP port
 */
public record AppServer(String host, int port) {

	private static final Pattern HOST_PORT = Pattern.compile("^([^:\\s]+):(\\d{1,5})$");

	private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

	public AppServer {
		boolean numeric = host != null && host.matches("[0-9.]+");
		if (host == null || !(numeric ? isIpv4(host) : HostNames.isValid(host))) {
			throw new IllegalArgumentException("app server host must be an IPv4 address or a host name, not \""
					+ host + "\"");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("app server port must be 1 to 65535, not " + port);
		}
	}

	/** Parses {@code host:port}; Spring also uses this to bind a comma-separated list. */
	public static AppServer valueOf(String text) {
		Matcher matcher = HOST_PORT.matcher(text == null ? "" : text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("an app server is host:port (like 10.0.0.5:8081), not \"" + text + "\"");
		}
		return new AppServer(matcher.group(1).toLowerCase(Locale.ROOT), Integer.parseInt(matcher.group(2)));
	}

	/** True for a dotted-quad IPv4 address with every part at most 255. */
	public static boolean isIpv4(String text) {
		Matcher matcher = IPV4.matcher(text == null ? "" : text);
		if (!matcher.matches()) {
			return false;
		}
		for (int i = 1; i <= 4; i++) {
			if (Integer.parseInt(matcher.group(i)) > 255) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return host + ":" + port;
	}

}
