package edu.tjhsst.director.manager.domain;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.user.User;

/**
 * A site's custom domains through the API, as on its "Domains" page: listed with their states and the DNS records
 * each needs, added, checked in DNS now, and removed. Another person's site, or another site's domain, is not found.
 */
@ApiController
@RequestMapping("/api/v1/sites/{siteId}/domains")
class DomainsApiController {

	/**
	 * A domain as the API shows it.
	 * @param state WAITING_FOR_PROOF, WAITING_FOR_APPROVAL, ACTIVE or REJECTED
	 * @param rejection an administrator's reason, when rejected
	 */
	record Domain(long id, String name, String state, String rejection, Instant createdAt, Instant checkedAt,
			Instant provenAt, List<DnsRecords.DnsRecord> records) {
	}

	record NewDomain(String name) {
	}

	/** What a check found, in the page's sentences, and the domain after it. */
	record Checked(boolean proven, String outcome, Domain domain) {
	}

	private final SiteAccess access;

	private final SiteDomains service;

	private final SiteDomainRepository domains;

	private final DnsRecords records;

	private final CurrentUser currentUser;

	DomainsApiController(SiteAccess access, SiteDomains service, SiteDomainRepository domains, DnsRecords records,
			CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.domains = domains;
		this.records = records;
		this.currentUser = currentUser;
	}

	@GetMapping
	List<Domain> list(@PathVariable long siteId, Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		return domains.findBySite(siteId).stream().map(domain -> json(site, domain)).toList();
	}

	@PostMapping
	ResponseEntity<Domain> add(@PathVariable long siteId, @RequestBody NewDomain request, Principal principal,
			HttpServletRequest http) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		SiteDomain added;
		try {
			// The portal's own name is the one it was reached by, as on the page.
			added = service.add(site, user, request.name() == null ? "" : request.name(), http.getServerName());
		}
		catch (DomainRefusedException ex) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "The domain was not added.",
					Map.of("name", ex.getMessage()));
		}
		return ResponseEntity.created(URI.create("/api/v1/sites/" + siteId + "/domains/" + added.id()))
			.body(json(site, added));
	}

	@GetMapping("/{domainId}")
	Domain show(@PathVariable long siteId, @PathVariable long domainId, Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		return json(site, domains.findForSite(siteId, domainId)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "The site has no such domain.")));
	}

	/** Asks DNS now; the answer says what it found, whether or not the domain is proven. */
	@PostMapping("/{domainId}/check")
	Checked check(@PathVariable long siteId, @PathVariable long domainId, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		SiteDomains.CheckOutcome outcome = refusedAsConflict(() -> service.check(site, user, domainId));
		return new Checked(outcome.proven(), outcome.sentences(),
				json(site, domains.findForSite(siteId, domainId)
					.orElseThrow(() -> new NotFoundException("removed meanwhile"))));
	}

	@DeleteMapping("/{domainId}")
	ResponseEntity<Void> remove(@PathVariable long siteId, @PathVariable long domainId, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		refusedAsConflict(() -> {
			service.remove(site, user, domainId);
			return null;
		});
		return ResponseEntity.noContent().build();
	}

	/**
	 * What the service refuses of a domain that exists is its state's doing, not the request's: a rejected domain
	 * cannot be checked, nor removed but by an administrator, and one named like the platform is never made active.
	 */
	private static <T> T refusedAsConflict(Supplier<T> change) {
		try {
			return change.get();
		}
		catch (DomainRefusedException ex) {
			throw new ApiRequestException(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	private Domain json(Site site, SiteDomain domain) {
		return new Domain(domain.id(), domain.name(), domain.state().name(), domain.rejection(), domain.createdAt(),
				domain.checkedAt(), domain.provenAt(), records.of(site, domain));
	}

}
