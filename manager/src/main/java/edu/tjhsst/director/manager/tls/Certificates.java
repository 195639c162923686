package edu.tjhsst.director.manager.tls;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.system.SecretBox;
import edu.tjhsst.director.manager.tls.CertificateRepository.WantedName;

/**
 * Keeps every name that should have a certificate supplied with one: the renewal job calls {@link #sweep}, which
 * orders missing and expiring certificates (one at a time, so a CA's rate limits are met), gives new ones to the
 * router, and forgets those of names no longer served. Pages read states through {@link #forSite} and {@link #all}.
 */
@Service
public class Certificates {

	private static final Logger log = LoggerFactory.getLogger(Certificates.class);

	/** At most this many orders per sweep; the rest wait for the next, which keeps a sweep short. */
	static final int ORDERS_PER_SWEEP = 10;

	private final CertificateRepository repository;

	private final CertificateIssuer issuer;

	private final RouterClient router;

	private final SecretBox box;

	private final AcmeProperties properties;

	private final SitesCertificate sitesCertificate;

	private final String sitesDomain;

	Certificates(CertificateRepository repository, CertificateIssuer issuer, RouterClient router, SecretBox box,
			AcmeProperties properties, SitesCertificate sitesCertificate, DirectorProperties director) {
		this.repository = repository;
		this.issuer = issuer;
		this.router = router;
		this.box = box;
		this.properties = properties;
		this.sitesCertificate = sitesCertificate;
		this.sitesDomain = director.sites().domain();
	}

	/** Whether the platform serves anything over HTTPS: it orders certificates, or has the sites' wildcard. */
	public boolean enabled() {
		return properties.enabled() || sitesCertificate.configured();
	}

	/** The certificates of a site's names, by host name. */
	public Map<String, CertificateRecord> forSite(long siteId) {
		return repository.findBySite(siteId).stream()
			.collect(Collectors.toMap(CertificateRecord::hostName, Function.identity()));
	}

	/** Every certificate, by host name. */
	public Map<String, CertificateRecord> all() {
		return repository.findAll().stream()
			.collect(Collectors.toMap(CertificateRecord::hostName, Function.identity()));
	}

	/** One round of the renewal job. */
	void sweep() {
		if (!enabled()) {
			return;
		}
		forgetUnwanted();
		Optional<SitesCertificate.Read> wildcard = readWildcard();
		for (CertificateRecord due : repository.due(Instant.now(), ORDERS_PER_SWEEP)) {
			if (wildcard.isPresent() && SitesCertificate.covers(due.hostName(), sitesDomain)) {
				provide(due.hostName(), wildcard.get());
			}
			else if (properties.enabled()) {
				order(due.hostName(), due.failures());
			}
		}
		for (String hostName : repository.notInstalled(Instant.now())) {
			install(hostName);
		}
	}

	/** The administrator's wildcard as its files are now; a broken one is logged and leaves the last one served. */
	private Optional<SitesCertificate.Read> readWildcard() {
		try {
			return sitesCertificate.read(sitesDomain);
		}
		catch (IllegalStateException | java.io.UncheckedIOException ex) {
			log.error("the sites' wildcard certificate is not used: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/** Gives a site's own name the wildcard, when its files changed since the name last got it. */
	private void provide(String hostName, SitesCertificate.Read wildcard) {
		if (!repository.chain(hostName).map(wildcard.chainPem()::equals).orElse(false)) {
			repository.saveIssued(hostName, wildcard.chainPem(), box.encrypt(wildcard.keyPem()), wildcard.notAfter(),
					Instant.now().plus(properties.sweepInterval()));
		}
		else {
			repository.postpone(hostName, Instant.now().plus(properties.sweepInterval()));
		}
	}

	private void forgetUnwanted() {
		boolean siteNames = properties.siteNames() || sitesCertificate.configured();
		List<WantedName> wanted = repository.wanted(properties.portalHost(), siteNames ? sitesDomain : null);
		wanted.forEach(repository::want);
		Set<String> names = new HashSet<>();
		wanted.forEach(name -> names.add(name.hostName()));
		for (String hostName : repository.hostNames()) {
			if (!names.contains(hostName)) {
				repository.remove(hostName);
				try {
					router.removeCertificate(hostName);
				}
				catch (ComponentCallException ex) {
					// The router serves a certificate only for names in a route, which this one no longer is.
					log.warn("could not take the certificate of {} off the router: {}", hostName, ex.getMessage());
				}
				log.info("forgot the certificate of {}, which is no longer served", hostName);
			}
		}
	}

	private void order(String hostName, int failuresBefore) {
		Instant started = Instant.now();
		try {
			IssuedCertificate issued = issuer.issue(hostName);
			repository.saveIssued(hostName, issued.chainPem(), box.encrypt(issued.keyPem()), issued.notAfter(),
					RenewalTimes.renewAt(started, issued.notAfter(), properties.renewBefore()));
		}
		catch (CertificateFailure ex) {
			fail(hostName, failuresBefore, ex.getMessage(), ex.retryAfter().orElse(null));
		}
		catch (RuntimeException ex) {
			// A fault of ours (a stored key unreadable, say) must not keep the other names from their certificates.
			log.error("ordering a certificate for {} failed", hostName, ex);
			fail(hostName, failuresBefore, "Director could not order it: " + ex.getMessage(), null);
		}
	}

	private void fail(String hostName, int failuresBefore, String message, Instant caRetryAfter) {
		Instant next = RenewalTimes.retryAt(Instant.now(), failuresBefore + 1, caRetryAfter);
		repository.saveFailure(hostName, message, next);
		log.warn("no certificate for {} ({} failure(s) in a row; next try {}): {}", hostName, failuresBefore + 1, next,
				message);
	}

	private void install(String hostName) {
		repository.stored(hostName).ifPresent(stored -> {
			try {
				router.installCertificate(hostName,
						new CertificateInstall(stored.chainPem(), box.decrypt(stored.keySealed())));
				repository.markInstalled(hostName, true, null);
				log.info("the router serves the new certificate of {}", hostName);
			}
			catch (ComponentCallException ex) {
				repository.markInstalled(hostName, false, "The router did not take the certificate: " + ex.getMessage());
				log.warn("the router did not take the certificate of {}: {}", hostName, ex.getMessage());
			}
		});
	}

}
