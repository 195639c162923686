package edu.tjhsst.director.manager.domain;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

import edu.tjhsst.director.common.site.HostNames;

import static edu.tjhsst.director.common.text.Quoting.quote;

/**
 * How custom domains are checked in DNS, bound from {@code director.domains.*} (see application.properties for the
 * environment variables). A setting that makes no sense stops the start with a message naming its variable.
 * @param resolver the DNS server asked, {@code host:port}; blank for the servers in /etc/resolv.conf
 * @param dnsTimeout how long the first try of one DNS question waits for an answer; each retry waits twice as long
 *        as the try before it, as JNDI's DNS client does
 * @param dnsRetries how many more times a question without an answer is asked
 * @param addresses the platform's public IPv4 and IPv6 addresses: a domain whose A and AAAA records name only these
 *        points at the platform
 * @param cnameTargets host names a domain may name in its CNAME record to point at the platform
 * @param recheckInterval how often domains still served are checked in DNS again
 */
@ConfigurationProperties("director.domains")
public record DomainProperties(String resolver, Duration dnsTimeout, int dnsRetries, List<String> addresses,
		List<String> cnameTargets, Duration recheckInterval) {

	private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

	public DomainProperties {
		if (dnsTimeout == null || dnsTimeout.toMillis() < 100 || dnsTimeout.toSeconds() > 30) {
			throw new IllegalArgumentException("DIRECTOR_DNS_TIMEOUT must be from 100ms to 30s, not " + dnsTimeout);
		}
		if (dnsRetries < 0 || dnsRetries > 3) {
			throw new IllegalArgumentException("DIRECTOR_DNS_RETRIES must be from 0 to 3, not " + dnsRetries);
		}
		if (recheckInterval == null || recheckInterval.toSeconds() < 1 || recheckInterval.toDays() > 7) {
			throw new IllegalArgumentException("DIRECTOR_DOMAINS_RECHECK_INTERVAL must be from 1s to 7d, not "
					+ recheckInterval);
		}
		addresses = addresses == null ? List.of() : List.copyOf(addresses);
		cnameTargets = cnameTargets == null ? List.of() : List.copyOf(cnameTargets);
		for (String address : addresses) {
			if (IpLiteral.parse(address).isEmpty()) {
				throw new IllegalArgumentException("DIRECTOR_DOMAINS_ADDRESSES must list IPv4 or IPv6 addresses,"
						+ " not " + quote(address));
			}
		}
		for (String target : cnameTargets) {
			if (!HostNames.isValid(hostName(target))) {
				throw new IllegalArgumentException("DIRECTOR_DOMAINS_CNAME_TARGETS must list host names, not "
						+ quote(target));
			}
		}
		if (resolver != null && !resolver.isBlank()) {
			ResolverAddress.parse(resolver);
		}
	}

	/** The servers to ask, in order: the one configured, or else the system's. */
	List<ResolverAddress> resolvers() {
		return resolver == null || resolver.isBlank() ? ResolverAddress.fromResolvConf(RESOLV_CONF)
				: List.of(ResolverAddress.parse(resolver));
	}

	Set<InetAddress> platformAddresses() {
		return addresses.stream().map(address -> IpLiteral.parse(address).orElseThrow()).collect(Collectors.toSet());
	}

	Set<String> platformTargets() {
		return cnameTargets.stream().map(DomainProperties::hostName).collect(Collectors.toSet());
	}

	/** A host name as DNS answers are compared with it: lowercase, without the trailing dot. */
	static String hostName(String name) {
		String host = name.strip().toLowerCase(Locale.ROOT);
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

}
