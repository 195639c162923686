package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.user.User;

/**
 * Sites through the API: listing (a student their own, an administrator's token with the admin scope all), one site,
 * its process's log, and creating one, changing its type, restarting and deleting it, each of which answers with the
 * operation that does it. The same
 * rules and the same service as the portal's pages.
 */
@ApiController
@RequestMapping("/api/v1/sites")
class SitesApiController {

	/** One page of a list, with where the next starts. */
	record SitePage(List<SiteJson> items, int page, int size, boolean hasNext) {
	}

	/** What creating a site takes; a missing type is a static site, as on the form. */
	record NewSite(String name, String type, String runtime, String description) {
	}

	private static final int MAX_SIZE = 100;

	private final SiteRepository sites;

	private final SiteAccess access;

	private final SiteService service;

	private final Operations operations;

	private final CurrentUser currentUser;

	private final NewSiteRules rules;

	private final SiteProcess process;

	private final ChangeTypeRules typeRules;

	private final DirectorProperties.Sites addresses;

	SitesApiController(SiteRepository sites, SiteAccess access, SiteService service, Operations operations,
			CurrentUser currentUser, NewSiteRules rules, SiteProcess process, ChangeTypeRules typeRules,
			DirectorProperties properties) {
		this.process = process;
		this.typeRules = typeRules;
		this.sites = sites;
		this.access = access;
		this.service = service;
		this.operations = operations;
		this.currentUser = currentUser;
		this.rules = rules;
		this.addresses = properties.sites();
	}

	@GetMapping
	SitePage list(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(name = "page", defaultValue = "1") int page,
			@RequestParam(name = "size", defaultValue = "50") int size, Principal principal) {
		if (page < 1 || page > 100_000 || size < 1 || size > MAX_SIZE) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"page counts from 1, and size is from 1 to " + MAX_SIZE + ".");
		}
		User user = currentUser.of(principal);
		String text = query.strip();
		int offset = (page - 1) * size;
		List<Site> found;
		if (user.isAdmin()) {
			found = sites.search(text, offset, size + 1);
		}
		else {
			String lower = text.toLowerCase(Locale.ROOT);
			found = sites.findByMember(user.id()).stream()
				.filter(site -> site.name().contains(lower))
				.skip(offset)
				.limit(size + 1L)
				.toList();
		}
		List<SiteJson> items = found.stream().limit(size)
			.map(site -> SiteJson.of(site, addresses.url(site.name()), null)).toList();
		return new SitePage(items, page, size, found.size() > size);
	}

	@GetMapping("/{siteId}")
	SiteJson show(@PathVariable long siteId, Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		return SiteJson.of(site, addresses.url(site.name()), operations.latest(siteId).orElse(null));
	}

	@PostMapping
	ResponseEntity<Started> create(@RequestBody NewSite request, Principal principal) {
		String name = request.name() == null ? "" : request.name().strip();
		String runtime = request.runtime() == null ? "" : request.runtime().strip();
		String description = request.description() == null ? "" : request.description().strip();
		SiteType type = ChangeTypeForm.parse(request.type());
		Map<String, String> problems = rules.problems(name, type, runtime, description);
		if (!problems.isEmpty()) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY,
					"The site cannot be created as asked; nothing was stored.", problems);
		}
		long id;
		try {
			id = service.create(currentUser.of(principal), name, description, type, runtime);
		}
		catch (SiteService.NameTakenException ex) {
			throw new ApiRequestException(HttpStatus.CONFLICT, ex.getMessage(), Map.of("name", ex.getMessage()));
		}
		catch (SiteAllowance.SiteLimitException ex) {
			throw new ApiRequestException(HttpStatus.CONFLICT, ex.getMessage());
		}
		// The new site's only operation: nobody else knows its id yet.
		return Started.answer(operations, id, operations.latest(id).orElseThrow().id(), HttpStatus.CREATED);
	}

	@PostMapping("/{siteId}/restart")
	ResponseEntity<Started> restart(@PathVariable long siteId, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		if (!site.hasProcess()) {
			throw new ApiRequestException(HttpStatus.CONFLICT, "A static site has no process to restart.");
		}
		return Started.answer(operations, siteId, service.restart(site, user), HttpStatus.ACCEPTED);
	}

	/** How a site is to be served from now on; a missing runtime is none (for a static or PHP site). */
	record NewType(String type, String runtime) {
	}

	/** Changes how the site is served (static, PHP, or dynamic with a runtime), as its "Type" page does. */
	@PutMapping("/{siteId}/type")
	ResponseEntity<Started> changeType(@PathVariable long siteId, @RequestBody NewType request, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		SiteType type = ChangeTypeForm.parse(request.type());
		String runtime = request.runtime() == null ? "" : request.runtime().strip();
		Map<String, String> problems = typeRules.problems(site, type, runtime);
		if (!problems.isEmpty()) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY,
					"The site's type cannot be changed as asked; nothing was stored.", problems);
		}
		long operation = service.changeType(site, user, type, ChangeTypeRules.stored(site, type, runtime));
		return Started.answer(operations, siteId, operation, HttpStatus.ACCEPTED);
	}

	/** The last lines the site's process wrote, as text. */
	@GetMapping(path = "/{siteId}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
	String logs(@PathVariable long siteId, Principal principal) {
		return process.logs(access.requireWithProcess(siteId, currentUser.of(principal)).id());
	}

	@DeleteMapping("/{siteId}")
	ResponseEntity<Started> delete(@PathVariable long siteId, Principal principal) {
		User user = currentUser.of(principal);
		return Started.answer(operations, siteId, service.delete(access.require(siteId, user), user),
				HttpStatus.ACCEPTED);
	}

}
