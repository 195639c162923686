package edu.tjhsst.director.manager.domain;

import static edu.tjhsst.director.common.text.Quoting.quote;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import edu.tjhsst.director.common.domain.CustomDomain;
import edu.tjhsst.director.common.domain.InvalidDomainException;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.system.PlatformSettings;
import edu.tjhsst.director.manager.tls.AcmeProperties;
import edu.tjhsst.director.manager.tls.CertificateSchedule;
import edu.tjhsst.director.manager.user.User;

/**
 * Adds, checks, approves, rejects and removes sites' custom domains. Whenever a domain becomes active or stops being
 * so, an operation gives the site's names to the app server and the router, in the same transaction as the change:
 * a site with an open operation changes nothing. A disabled site's domains are changed by administrators only.
 */
@Service
public class SiteDomains {

	private static final Logger log = LoggerFactory.getLogger(SiteDomains.class);

	/** The setting that makes a proven domain wait for an administrator before the site answers on it. */
	public static final String APPROVAL_SETTING = "domains.approval-required";

	/** Leaves the router's limit of 64 names per route room for the site's own name. */
	static final int MAX_PER_SITE = 20;

	private final SiteDomainRepository domains;

	private final DomainOwnership ownership;

	private final ChallengeTokens tokens;

	private final Operations operations;

	private final PlatformSettings settings;

	private final String sitesDomain;

	private final TransactionTemplate transactions;

	private final CertificateSchedule certificates;

	/** The portal's own name as the router serves it (DIRECTOR_PORTAL_HOST), or blank. */
	private final String configuredPortalHost;

	SiteDomains(SiteDomainRepository domains, DomainOwnership ownership, ChallengeTokens tokens, Operations operations,
			PlatformSettings settings, DirectorProperties properties, PlatformTransactionManager transactionManager,
			CertificateSchedule certificates, AcmeProperties acme) {
		this.certificates = certificates;
		this.configuredPortalHost = acme.portalHost();
		this.transactions = new TransactionTemplate(transactionManager);
		this.domains = domains;
		this.ownership = ownership;
		this.tokens = tokens;
		this.operations = operations;
		this.settings = settings;
		this.sitesDomain = properties.sites().domain();
	}

	public boolean approvalRequired() {
		return settings.flag(APPROVAL_SETTING, false);
	}

	public void requireApproval(boolean required) {
		settings.setFlag(APPROVAL_SETTING, required);
	}

	/**
	 * Adds a domain, waiting for its proof, with a new token.
	 * @param portalHost the host name the portal was reached by, which is the platform's and so refused (as is the
	 *        configured one, DIRECTOR_PORTAL_HOST, by whatever name the portal was reached)
	 * @throws DomainRefusedException when the name is not a domain, is the platform's, or is a site's already
	 */
	@Transactional
	public SiteDomain add(Site site, User user, String input, String portalHost) {
		SiteService.requireChangeable(site, user);
		CustomDomain domain;
		try {
			domain = CustomDomain.parse(input).requireNotOwnedByPlatform(sitesDomain, portalHost)
				.requireNotOwnedByPlatform(sitesDomain, configuredPortalHost);
		}
		catch (InvalidDomainException ex) {
			throw new DomainRefusedException(ex.getMessage());
		}
		if (domains.countBySite(site.id()) >= MAX_PER_SITE) {
			throw new DomainRefusedException("A site may have at most " + MAX_PER_SITE + " domains; remove one first.");
		}
		Optional<Long> id = domains.add(site.id(), domain.name(), tokens.next());
		if (id.isEmpty()) {
			boolean ours = domains.findByName(domain.name()).map(found -> found.siteId() == site.id()).orElse(false);
			throw new DomainRefusedException(quote(domain.name()) + (ours ? " is this site's already."
					: " belongs to another site; a domain can be one site's only."));
		}
		return domains.findById(id.get()).orElseThrow();
	}

	/**
	 * Asks DNS now whether the domain is proven, and moves it on: a proven domain waiting for its proof becomes
	 * active, or waits for approval where administrators ask for it; an active or approved-pending domain whose
	 * record is gone waits for its proof again, and the site stops answering on it. A check DNS did not answer
	 * changes nothing but its time.
	 * @return the check's outcome, in sentences, and whether DNS proved the domain
	 */
	public CheckOutcome check(Site site, User user, long domainId) {
		SiteService.requireChangeable(site, user);
		SiteDomain domain = require(site, domainId);
		if (domain.state() == DomainState.REJECTED) {
			throw new DomainRefusedException("An administrator rejected " + domain.name() + ": " + domain.rejection());
		}
		// Outside any transaction: DNS may take seconds, which a database connection should not wait for.
		DomainCheck check = ownership.check(domain.domain(), domain.token());
		String outcome = transactions.execute(status -> record(domainId, user.id(), check));
		return new CheckOutcome(check.proven(), CheckSentences.of(domain.challengeName(), check) + " " + outcome);
	}

	/**
	 * Checks an active or approval-pending domain again for the recheck job: one whose record is gone waits for its
	 * proof again and the site stops answering on it, so a lapsed domain is flagged rather than silently kept.
	 * @return whether the domain lost its proof
	 */
	boolean recheck(long domainId) {
		Optional<SiteDomain> found = domains.findById(domainId);
		if (found.isEmpty() || found.get().state() == DomainState.WAITING_FOR_PROOF
				|| found.get().state() == DomainState.REJECTED) {
			return false;
		}
		DomainCheck check = ownership.check(found.get().domain(), found.get().token());
		boolean lost = !check.proven() && !(check.ownership() instanceof DomainCheck.Unanswered);
		if (lost) {
			log.warn("the DNS proof of {} (site {}) is gone; it waits for its proof again: {}", found.get().name(),
					found.get().siteName(), CheckSentences.of(found.get().challengeName(), check));
		}
		transactions.execute(status -> record(domainId, null, check));
		return lost;
	}

	/** What a check found, for its owner: a proof is good news, anything else something to act on. */
	public record CheckOutcome(boolean proven, String sentences) {
	}

	/** Stores a check's outcome on the domain as it is now, which may have changed while DNS was asked. */
	private String record(long domainId, Long userId, DomainCheck check) {
		Optional<SiteDomain> current = domains.findById(domainId);
		if (current.isEmpty()) {
			return "It was removed meanwhile.";
		}
		SiteDomain domain = current.get();
		boolean answered = !(check.ownership() instanceof DomainCheck.Unanswered);
		DomainState next = domain.state();
		if (domain.state() == DomainState.REJECTED) {
			return "An administrator rejected it meanwhile.";
		}
		if (check.proven() && domain.state() == DomainState.WAITING_FOR_PROOF) {
			requireNotPlatforms(domain);
			next = approvalRequired() ? DomainState.WAITING_FOR_APPROVAL : DomainState.ACTIVE;
		}
		else if (answered && !check.proven()) {
			next = DomainState.WAITING_FOR_PROOF;
		}
		domains.saveCheck(domainId, next, Instant.now(), check.proven());
		updateRouteIfActiveChanged(domain, next, userId);
		return stateSentence(domain.state(), next);
	}

	/**
	 * Takes the domain away; the site stops answering on it. A rejected domain stays until an administrator removes
	 * it, so that removing and adding it again does not undo the rejection.
	 */
	@Transactional
	public void remove(Site site, User user, long domainId) {
		SiteService.requireChangeable(site, user);
		SiteDomain domain = require(site, domainId);
		if (domain.state() == DomainState.REJECTED && !user.isAdmin()) {
			throw new DomainRefusedException("An administrator rejected " + domain.name()
					+ ", so only an administrator can remove it.");
		}
		domains.remove(domainId);
		updateRouteIfActiveChanged(domain, null, user.id());
	}

	/** An administrator lets a proven domain waiting for approval be served. */
	@Transactional
	public SiteDomain approve(long domainId, User admin) {
		SiteDomain domain = forAdmin(domainId, admin);
		if (domain.state() != DomainState.WAITING_FOR_APPROVAL) {
			throw new DomainRefusedException(domain.name() + " is not waiting for approval.");
		}
		requireNotPlatforms(domain);
		domains.saveState(domainId, DomainState.ACTIVE, null);
		updateRouteIfActiveChanged(domain, DomainState.ACTIVE, admin.id());
		return domain;
	}

	/** An administrator refuses a domain, active or waiting, with a reason its site's owner sees. */
	@Transactional
	public SiteDomain reject(long domainId, User admin, String reason) {
		SiteDomain domain = forAdmin(domainId, admin);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > 500) {
			throw new DomainRefusedException("Give a reason of 1 to 500 characters; the site's owner sees it.");
		}
		domains.saveState(domainId, DomainState.REJECTED, why);
		updateRouteIfActiveChanged(domain, DomainState.REJECTED, admin.id());
		return domain;
	}

	private SiteDomain require(Site site, long domainId) {
		return domains.findForSite(site.id(), domainId).orElseThrow(() -> new NotFoundException("no such domain"));
	}

	private SiteDomain forAdmin(long domainId, User admin) {
		if (!admin.isAdmin()) {
			// /admin/** is for administrators already; this guards the service against another caller.
			throw new AccessDeniedException("only administrators approve and reject domains");
		}
		return domains.findById(domainId).orElseThrow(() -> new NotFoundException("no such domain"));
	}

	/** A domain added before the portal got its name (DIRECTOR_PORTAL_HOST) never becomes active under it. */
	private void requireNotPlatforms(SiteDomain domain) {
		try {
			CustomDomain.parse(domain.name()).requireNotOwnedByPlatform(sitesDomain, configuredPortalHost);
		}
		catch (InvalidDomainException ex) {
			throw new DomainRefusedException(ex.getMessage());
		}
	}

	/**
	 * Gives the site its names again, and has certificates got or forgotten, when the domain's being served changed.
	 * For the recheck job (no user), a site locked by a failed operation keeps the change of state: the route follows
	 * when someone retries the operation, and meanwhile the name has no certificate.
	 */
	private void updateRouteIfActiveChanged(SiteDomain domain, DomainState next, Long userId) {
		if ((domain.state() == DomainState.ACTIVE) != (next == DomainState.ACTIVE)) {
			try {
				operations.start(domain.siteId(), OperationKind.UPDATE_DOMAINS, userId);
			}
			catch (SiteLockedException ex) {
				if (userId != null) {
					throw ex;
				}
				log.warn("{} is no longer active, but site {} is locked by a failed operation; its route follows"
						+ " when the operation is retried", domain.name(), domain.siteName());
			}
			certificates.soon();
		}
	}

	private static String stateSentence(DomainState before, DomainState after) {
		if (before == after) {
			// The labels are capitalised for a badge; in a sentence only their first letter is lowered ("DNS" stays).
			String label = after.label();
			return "It stays: " + label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1) + ".";
		}
		return switch (after) {
			case ACTIVE -> "The domain is active: the site will answer on it in a moment.";
			case WAITING_FOR_APPROVAL -> "It now waits for an administrator's approval.";
			case WAITING_FOR_PROOF -> "The proof is gone, so the domain waits for its proof again.";
			case REJECTED -> "It is rejected.";
		};
	}

}
