package edu.tjhsst.director.router;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.site.HostNames;

/**
 * An app server the router forwards site traffic to, as it appears in the router's upstream block: an address and port,
 * or the Unix socket of an app server on this node.
 * @param host an IPv4 address or a host name; null for a socket
 * @param port its HTTP port; 0 for a socket
 * @param socket the absolute path of its Unix socket; null for an address and port
 */
public record AppServer(String host, int port, String socket) {

	private static final Pattern HOST_PORT = Pattern.compile("^([^:\\s]+):(\\d{1,5})$");

	private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

	/** An absolute path of safe characters, with no part that climbs ("..") or is empty. */
	private static final Pattern SOCKET = Pattern.compile("^(/(?!\\.\\.?(/|$))[A-Za-z0-9._+-]{1,100}){1,20}$");

	private static final String UNIX = "unix:";

	/** What Linux keeps of a socket's path (sun_path, 108 bytes with the closing zero). */
	private static final int LONGEST_SOCKET = 107;

	public AppServer {
		if (socket != null) {
			if (host != null || port != 0 || !SOCKET.matcher(socket).matches() || socket.length() > LONGEST_SOCKET) {
				throw new IllegalArgumentException("an app server's socket is an absolute path of at most "
						+ LONGEST_SOCKET + " letters, digits and . _ + - (like "
						+ "unix:/srv/director/appserver-sockets/director-nginx/http.sock), not \"" + socket + "\"");
			}
		}
		else {
			boolean numeric = host != null && host.matches("[0-9.]+");
			if (host == null || !(numeric ? isIpv4(host) : HostNames.isValid(host))) {
				throw new IllegalArgumentException("app server host must be an IPv4 address or a host name, not \""
						+ host + "\"");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("app server port must be 1 to 65535, not " + port);
			}
		}
	}

	/** An app server at an address and port. */
	public AppServer(String host, int port) {
		this(host, port, null);
	}

	/** An app server on this node, at its Unix socket. */
	public static AppServer unixSocket(String path) {
		return new AppServer(null, 0, path);
	}

	/**
	 * Parses {@code host:port} or {@code unix:/path}; Spring also uses this to bind a comma-separated list.
	 */
	public static AppServer valueOf(String text) {
		String stripped = text == null ? "" : text.strip();
		if (stripped.startsWith(UNIX)) {
			return unixSocket(stripped.substring(UNIX.length()));
		}
		Matcher matcher = HOST_PORT.matcher(stripped);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("an app server is host:port (like 10.0.0.5:8081) or unix:/path, not \""
					+ text + "\"");
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

	/** The address as Nginx's {@code server} and {@code proxy_pass} take it. */
	@Override
	public String toString() {
		return socket != null ? UNIX + socket : host + ":" + port;
	}

}
