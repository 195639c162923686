package edu.tjhsst.director.manager.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.site.HostNames;

import static edu.tjhsst.director.common.text.Quoting.quote;

/**
 * A DNS server the ownership checks ask: an address or host name and a port, written {@code host:port} (IPv6 in
 * brackets, {@code [2001:db8::53]:53}); the port may be left out for 53.
 */
public record ResolverAddress(String host, int port) {

	private static final int DNS_PORT = 53;

	private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+]|[^\\[\\]:]+)(?::([0-9]{1,5}))?$");

	private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

	public ResolverAddress {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("a DNS server's port is from 1 to 65535, not " + port);
		}
	}

	/** A server as an administrator writes it; throws saying what is wrong with it. */
	public static ResolverAddress parse(String text) {
		Matcher matcher = HOST_PORT.matcher(text == null ? "" : text.strip());
		String host = matcher.matches() ? matcher.group(1) : "";
		if (!host.startsWith("[") && !IPV4.matcher(host).matches() && !HostNames.isValid(host)) {
			throw new IllegalArgumentException("DIRECTOR_DNS_RESOLVER must be host:port, like 192.0.2.53:53 or"
					+ " [2001:db8::53]:53, not " + quote(text));
		}
		return new ResolverAddress(host, matcher.group(2) == null ? DNS_PORT : Integer.parseInt(matcher.group(2)));
	}

	/**
	 * The servers a resolver configuration file names ({@code nameserver} lines, in order), as the system's own
	 * resolver would ask them; 127.0.0.1 when it names none or does not exist, which is what the C library does too.
	 */
	public static List<ResolverAddress> fromResolvConf(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (NoSuchFileException ex) {
			lines = List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		List<ResolverAddress> servers = lines.stream()
			.map(line -> line.strip().split("\\s+"))
			.filter(words -> words.length >= 2 && words[0].equals("nameserver"))
			.map(words -> words[1])
			// A scoped IPv6 address (fe80::1%eth0) cannot be written in a dns:// URL, so it is left out.
			.filter(address -> address.indexOf('%') < 0)
			.map(address -> new ResolverAddress(address.indexOf(':') >= 0 ? "[" + address + "]" : address, DNS_PORT))
			.toList();
		return servers.isEmpty() ? List.of(new ResolverAddress("127.0.0.1", DNS_PORT)) : servers;
	}

	/** The server as JNDI's DNS provider is given it. */
	String url() {
		return "dns://" + host + ":" + port;
	}

	@Override
	public String toString() {
		return host + ":" + port;
	}

}
