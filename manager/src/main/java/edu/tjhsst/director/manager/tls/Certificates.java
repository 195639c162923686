package edu.tjhsst.director.manager.tls;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * The platform's certificates as pages show them, and whether it has any: it orders them from a CA, or has an
 * administrator's wildcard for the sites' names. The renewal job ({@link RenewalRound}) keeps them up to date.
 */
@Service
public class Certificates {

	private final CertificateRepository repository;

	private final AcmeProperties acme;

	private final SitesCertificate wildcard;

	Certificates(CertificateRepository repository, AcmeProperties acme, SitesCertificate wildcard,
			DirectorProperties director) {
		this.repository = repository;
		this.acme = acme;
		this.wildcard = wildcard;
		if (enabled()) {
			requireKeysStayPrivate(director.router().url());
		}
	}

	/** Whether the platform serves anything over HTTPS. */
	public boolean enabled() {
		return acme.enabled() || wildcard.configured();
	}

	/** The certificates of a site's names, by host name. */
	public Map<String, CertificateRecord> forSite(long siteId) {
		return repository.findBySite(siteId).stream()
			.collect(Collectors.toMap(CertificateRecord::hostName, Function.identity()));
	}

	/** Every certificate served, by host name. */
	public Map<String, CertificateRecord> all() {
		return repository.findAll().stream()
			.collect(Collectors.toMap(CertificateRecord::hostName, Function.identity()));
	}

	/**
	 * Private keys travel to the router in its API's request bodies, which are signed, not encrypted: only over
	 * HTTPS, or to this machine itself.
	 */
	private static void requireKeysStayPrivate(String routerUrl) {
		URI uri = URI.create(routerUrl);
		if ("https".equals(uri.getScheme())) {
			return;
		}
		try {
			if (uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
				return;
			}
		}
		catch (UnknownHostException ex) {
			// Not this machine's own name either.
		}
		throw new IllegalArgumentException("DIRECTOR_ROUTER_URL must be https:// or this machine's loopback when"
				+ " certificates are on (DIRECTOR_ACME_DIRECTORY or DIRECTOR_SITES_CERTIFICATE): private keys travel"
				+ " to the router in its requests; it is " + routerUrl);
	}

}
