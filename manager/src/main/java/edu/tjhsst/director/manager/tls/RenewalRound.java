package edu.tjhsst.director.manager.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.system.SecretBox;
import edu.tjhsst.director.manager.tls.CertificateRepository.WantedName;

/**
 * One round of the renewal job: brings the names that should have certificates up to date, gives the sites' names
 * the administrator's wildcard, orders what is missing or due (a few per round, within a time budget, stopping at the
 * CA's first rate limit), takes expired certificates off the router and gives it the new ones.
 */
@Component
class RenewalRound {

	private static final Logger log = LoggerFactory.getLogger(RenewalRound.class);

	/** At most this many orders per round; the rest wait for the next, which keeps a round short. */
	static final int ORDERS_PER_ROUND = 10;

	/** No order starts after a round has run this long, so that other jobs get the scheduler's threads back. */
	static final Duration ORDERING_BUDGET = Duration.ofMinutes(5);

	/** How long a name no longer served keeps its row and certificate. */
	static final Duration KEPT_AFTER_DROPPED = Duration.ofDays(7);

	/** When a name that is not ordered (the wildcard gives it, or there is no CA) is looked at again. */
	private static final Duration NOT_ORDERED = Duration.ofDays(1);

	private final CertificateRepository repository;

	private final CertificateIssuer issuer;

	private final RouterClient router;

	private final SecretBox box;

	private final AcmeProperties acme;

	private final SitesCertificate wildcard;

	private final String sitesDomain;

	RenewalRound(CertificateRepository repository, CertificateIssuer issuer, RouterClient router, SecretBox box,
			AcmeProperties acme, SitesCertificate wildcard, DirectorProperties director) {
		this.repository = repository;
		this.issuer = issuer;
		this.router = router;
		this.box = box;
		this.acme = acme;
		this.wildcard = wildcard;
		this.sitesDomain = director.sites().domain();
	}

	void run() {
		syncWanted();
		readWildcard().ifPresent(this::giveWildcard);
		Instant stopOrdering = Instant.now().plus(ORDERING_BUDGET);
		for (CertificateRecord due : repository.due(Instant.now(), ORDERS_PER_ROUND)) {
			if (!ordered(due.hostName())) {
				repository.postpone(due.hostName(), Instant.now().plus(NOT_ORDERED));
				continue;
			}
			if (Instant.now().isAfter(stopOrdering) || !order(due.hostName(), due.failures())) {
				break;
			}
		}
		withdrawExpired();
		repository.notInstalled(Instant.now()).forEach(this::install);
	}

	/** Whether the name gets its certificate from the CA: not a site's name the wildcard gives, or not ordered. */
	private boolean ordered(String hostName) {
		if (!acme.enabled()) {
			return false;
		}
		boolean siteName = SitesCertificate.covers(hostName, sitesDomain);
		return !siteName || (acme.siteNames() && !wildcard.configured());
	}

	/** Adds rows for names newly served, drops those no longer served, and forgets those dropped long ago. */
	private void syncWanted() {
		boolean siteNames = acme.siteNames() || wildcard.configured();
		List<WantedName> wanted = repository.wanted(acme.portalHost(), siteNames ? sitesDomain : null);
		wanted.forEach(repository::want);
		Set<String> names = new HashSet<>();
		wanted.forEach(name -> names.add(name.hostName()));
		for (String hostName : repository.servedNames()) {
			if (!names.contains(hostName)) {
				repository.drop(hostName);
				takeOffRouter(hostName);
				log.info("the certificate of {} is no longer served; it is kept a week in case the name comes back",
						hostName);
			}
		}
		repository.purgeDropped(Instant.now().minus(KEPT_AFTER_DROPPED));
	}

	/** The administrator's wildcard as its files are now; a broken one is logged and leaves the last one served. */
	private Optional<SitesCertificate.Read> readWildcard() {
		try {
			return wildcard.read(sitesDomain);
		}
		catch (IllegalStateException | java.io.UncheckedIOException ex) {
			log.error("the sites' wildcard certificate is not used: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/** Gives the wildcard to every site's name that does not have this one yet: a new site, or replaced files. */
	private void giveWildcard(SitesCertificate.Read files) {
		for (String hostName : repository.siteNamesWithout(files.chainPem())) {
			if (SitesCertificate.covers(hostName, sitesDomain)) {
				repository.saveIssued(hostName, files.chainPem(), box.encrypt(files.keyPem()), files.notAfter(),
						Instant.now().plus(NOT_ORDERED));
			}
		}
	}

	/** Orders one certificate; false when the CA rate-limited us, and so no more orders this round. */
	private boolean order(String hostName, int failuresBefore) {
		Instant started = Instant.now();
		try {
			IssuedCertificate issued = issuer.issue(hostName);
			repository.saveIssued(hostName, issued.chainPem(), box.encrypt(issued.keyPem()), issued.notAfter(),
					RenewalTimes.renewAt(started, issued.notAfter(), acme.renewBefore()));
			return true;
		}
		catch (CertificateFailure ex) {
			fail(hostName, failuresBefore, ex.getMessage(), ex.retryAfter().orElse(null));
			return !ex.isRateLimited();
		}
		catch (RuntimeException ex) {
			// A fault of ours (a stored key unreadable, say) must not keep the other names from their certificates;
			// its details are for the operator, not for the domain's owner.
			log.error("ordering a certificate for {} failed", hostName, ex);
			fail(hostName, failuresBefore, "Director could not order it; the manager's log says why.", null);
			return true;
		}
	}

	private void fail(String hostName, int failuresBefore, String message, Instant caRetryAfter) {
		Instant next = RenewalTimes.retryAt(Instant.now(), failuresBefore + 1, caRetryAfter);
		repository.saveFailure(hostName, message, next);
		log.warn("no certificate for {} ({} failure(s) in a row; next try {}): {}", hostName, failuresBefore + 1, next,
				message);
	}

	/** An expired certificate would have browsers warn; without one the router serves the name over plain HTTP. */
	private void withdrawExpired() {
		for (String hostName : repository.expiredInstalled(Instant.now())) {
			if (takeOffRouter(hostName)) {
				repository.markInstalled(hostName, false, null);
				log.warn("the certificate of {} expired; the router serves the name over plain HTTP", hostName);
			}
		}
	}

	private boolean takeOffRouter(String hostName) {
		try {
			router.removeCertificate(hostName);
			return true;
		}
		catch (ComponentCallException ex) {
			log.warn("could not take the certificate of {} off the router: {}", hostName, ex.getMessage());
			return false;
		}
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
