package edu.tjhsst.director.manager.domain;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.springframework.stereotype.Component;

/**
 * Asks the configured DNS servers for the records of one type of one name, through the JDK's own DNS client (JNDI's
 * DNS provider), so no library is needed. Every question goes to the servers: JNDI's DNS provider keeps no cache,
 * so a record that was removed is missing from the next answer (the server's own cache may keep it for its TTL).
 * A question without an answer is asked again {@code dnsRetries} times, each try waiting twice as long as the one
 * before, so one question takes at most {@link #longestWait()}.
 */
@Component
public class DnsLookup {

	private static final String TIMEOUT = "com.sun.jndi.dns.timeout.initial";

	private static final String TRIES = "com.sun.jndi.dns.timeout.retries";

	/** What came back: the records' values (none when the name or the type has none), or no answer. */
	sealed interface Answer permits Records, Failed {
	}

	record Records(List<String> values) implements Answer {
	}

	/** No answer; the problem reads after the servers' addresses ("did not answer within 9 s"). */
	record Failed(String problem) implements Answer {
	}

	private final List<ResolverAddress> servers;

	private final Duration timeout;

	private final int tries;

	DnsLookup(DomainProperties properties) {
		this.servers = properties.resolvers();
		this.timeout = properties.dnsTimeout();
		this.tries = 1 + properties.dnsRetries();
	}

	/** The records of this type ("TXT", "A", "AAAA", "CNAME") of a fully qualified name. */
	Answer lookup(String name, String type) {
		DirContext context = null;
		try {
			context = new InitialDirContext(environment());
			// The trailing dot makes the name absolute: no search domain of the system's is ever appended.
			Attribute attribute = context.getAttributes(name + ".", new String[] { type }).get(type);
			List<String> values = new ArrayList<>();
			if (attribute != null) {
				NamingEnumeration<?> all = attribute.getAll();
				while (all.hasMore()) {
					values.add(String.valueOf(all.next()));
				}
			}
			return new Records(values);
		}
		catch (NameNotFoundException ex) {
			// NXDOMAIN: the name has no records of any type, which for the question asked means none.
			return new Records(List.of());
		}
		catch (NamingException ex) {
			return new Failed(problem(ex));
		}
		finally {
			close(context);
		}
	}

	/** The servers asked, as an administrator wrote them ("192.0.2.53:53"). */
	String servers() {
		return servers.stream().map(ResolverAddress::toString).collect(Collectors.joining(", "));
	}

	/** The longest one question may take: every try of every server, each try twice as long as the one before. */
	Duration longestWait() {
		return timeout.multipliedBy(((1L << tries) - 1) * servers.size());
	}

	private Hashtable<String, String> environment() {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		// Several URLs separated by spaces are tried in order, as the system's resolver tries its servers.
		String urls = servers.stream().map(ResolverAddress::url).collect(Collectors.joining(" "));
		environment.put(Context.PROVIDER_URL, urls);
		environment.put(TIMEOUT, Long.toString(timeout.toMillis()));
		// JNDI's "retries" is the number of tries, the first one included.
		environment.put(TRIES, Integer.toString(tries));
		return environment;
	}

	private String problem(NamingException ex) {
		Throwable cause = ex.getRootCause();
		if (ex instanceof CommunicationException && cause instanceof SocketTimeoutException) {
			return "did not answer within " + seconds(longestWait());
		}
		if (ex instanceof CommunicationException && cause instanceof IOException) {
			return "could not be reached (" + cause.getClass().getSimpleName() + ")";
		}
		if (ex instanceof ServiceUnavailableException) {
			return "answered with a server failure (SERVFAIL)";
		}
		return "could not answer: " + ex.getExplanation();
	}

	private static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static void close(DirContext context) {
		if (context != null) {
			try {
				context.close();
			}
			catch (NamingException ex) {
				// A DNS context holds no connection between questions; nothing is left open when closing fails.
			}
		}
	}

}
