package edu.tjhsst.director.manager.domain;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * Every site's custom domains for administrators through the API, as on the "Domains" admin page: listed (by state,
 * a page at a time), whether proven domains wait for an approval, and approving or rejecting one with a reason its
 * site's owner sees. The service refuses anyone but an administrator as well.
 */
@ApiController
@RequestMapping("/api/v1/admin/domains")
class DomainsAdminApiController {

	/** A domain as administrators see it: whose site, and where it stands. */
	record AdminDomain(long id, long siteId, String siteName, String name, String state, String rejection,
			Instant checkedAt, Instant provenAt) {

		static AdminDomain of(SiteDomain domain) {
			return new AdminDomain(domain.id(), domain.siteId(), domain.siteName(), domain.name(),
					domain.state().name(), domain.rejection(), domain.checkedAt(), domain.provenAt());
		}

	}

	record DomainPage(List<AdminDomain> items, int page, int size, boolean hasNext) {
	}

	record Approval(Boolean required) {
	}

	record Rejection(String reason) {
	}

	private static final int MAX_SIZE = 100;

	private final SiteDomains service;

	private final SiteDomainRepository domains;

	private final CurrentUser currentUser;

	DomainsAdminApiController(SiteDomains service, SiteDomainRepository domains, CurrentUser currentUser) {
		this.service = service;
		this.domains = domains;
		this.currentUser = currentUser;
	}

	/** @param state WAITING_FOR_PROOF, WAITING_FOR_APPROVAL, ACTIVE or REJECTED; any when empty */
	@GetMapping
	DomainPage list(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 1 || size < 1 || size > MAX_SIZE) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"page starts at 1, and size is from 1 to " + MAX_SIZE + ".");
		}
		DomainState wanted = state.isBlank() ? null : state(state);
		List<SiteDomain> matching = domains.findAll().stream()
			.filter(domain -> wanted == null || domain.state() == wanted).toList();
		int from = (int) Math.min((long) (page - 1) * size, matching.size());
		return new DomainPage(matching.subList(from, Math.min(from + size, matching.size())).stream()
			.map(AdminDomain::of).toList(), page, size, from + size < matching.size());
	}

	@GetMapping("/approval")
	Approval approval() {
		return new Approval(service.approvalRequired());
	}

	/** Whether proven domains wait for an approval; those waiting stay waiting when it is turned off. */
	@PutMapping("/approval")
	Approval requireApproval(@RequestBody Approval request) {
		if (request.required() == null) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing was changed.",
					Map.of("required", "Give true or false."));
		}
		service.requireApproval(request.required());
		return new Approval(service.approvalRequired());
	}

	@PostMapping("/{domainId}/approve")
	AdminDomain approve(@PathVariable long domainId, Principal principal) {
		try {
			service.approve(domainId, currentUser.of(principal));
		}
		catch (DomainRefusedException ex) {
			throw new ApiRequestException(HttpStatus.CONFLICT, ex.getMessage());
		}
		return current(domainId);
	}

	@PostMapping("/{domainId}/reject")
	AdminDomain reject(@PathVariable long domainId, @RequestBody Rejection request, Principal principal) {
		try {
			service.reject(domainId, currentUser.of(principal), request.reason());
		}
		catch (DomainRefusedException ex) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "The domain was not rejected.",
					Map.of("reason", ex.getMessage()));
		}
		return current(domainId);
	}

	private AdminDomain current(long domainId) {
		return domains.findById(domainId).map(AdminDomain::of)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "There is no such domain."));
	}

	private static DomainState state(String text) {
		try {
			return DomainState.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"state is WAITING_FOR_PROOF, WAITING_FOR_APPROVAL, ACTIVE or REJECTED.");
		}
	}

}
