package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.util.List;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.runtime.SiteRuntime;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.user.User;

/** The site list, the create-site form (static or dynamic, with a runtime) and a site's own page with its disk use. */
@Controller
class SiteController {

	private static final String VIEW_LIST = "sites/list";

	private static final String VIEW_CREATE = "sites/create";

	private static final String VIEW_DETAIL = "sites/detail";

	private final SiteRepository sites;

	private final SiteAccess access;

	private final SiteService service;

	private final Operations operations;

	private final CurrentUser currentUser;

	private final DirectorProperties.Sites addresses;

	private final RuntimeChoices runtimes;

	private final NewSiteRules rules;

	private final SiteProcess process;

	private final SiteAllowance allowance;

	private final SiteDisk disk;

	SiteController(SiteRepository sites, SiteAccess access, SiteService service, Operations operations,
			CurrentUser currentUser, DirectorProperties properties, RuntimeChoices runtimes, SiteProcess process,
			SiteAllowance allowance, SiteDisk disk, NewSiteRules rules) {
		this.sites = sites;
		this.access = access;
		this.service = service;
		this.operations = operations;
		this.currentUser = currentUser;
		this.addresses = properties.sites();
		this.runtimes = runtimes;
		this.process = process;
		this.allowance = allowance;
		this.disk = disk;
		this.rules = rules;
	}

	@GetMapping("/sites")
	String list(@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "page", required = false) String page, Principal principal, Model model) {
		User user = currentUser.of(principal);
		String text = query == null ? "" : query.strip();
		model.addAttribute("query", text);
		SitePage shown = user.isAdmin() ? SitePage.of(page, (offset, limit) -> sites.search(text, offset, limit))
				: SitePage.all(sites.findByMember(user.id()));
		model.addAttribute("sites", shown.sites());
		model.addAttribute("page", shown);
		model.addAttribute("addresses", addresses);
		model.addAttribute("allowance", allowance.of(user));
		return VIEW_LIST;
	}

	@GetMapping("/sites/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", CreateSiteForm.empty());
		return creationForm(model);
	}

	@PostMapping("/sites/new")
	String processCreationForm(@ModelAttribute("form") CreateSiteForm form, BindingResult result,
			Principal principal, Model model) {
		String name = form.trimmedName();
		SiteType type = form.siteType();
		rules.problems(name, type, form.trimmedRuntime(), form.trimmedDescription())
			.forEach((field, problem) -> result.rejectValue(field, "invalid", problem));
		if (result.hasErrors()) {
			return creationForm(model);
		}
		try {
			long id = service.create(currentUser.of(principal), name, form.trimmedDescription(), type,
					form.trimmedRuntime());
			return "redirect:/sites/" + id;
		}
		catch (SiteService.NameTakenException ex) {
			result.rejectValue("name", "taken", ex.getMessage());
			return creationForm(model);
		}
		catch (SiteAllowance.SiteLimitException ex) {
			result.reject("limit", ex.getMessage());
			return creationForm(model);
		}
	}

	private String creationForm(Model model) {
		model.addAttribute("domain", addresses.domain());
		List<SiteRuntime> offered = runtimes.offered();
		model.addAttribute("runtimes", offered);
		model.addAttribute("runtimesUnavailable", offered.isEmpty() ? RuntimeChoices.UNAVAILABLE : null);
		return VIEW_CREATE;
	}

	@GetMapping("/sites/{siteId}")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.require(siteId, currentUser.of(principal));
		Operation latest = operations.latest(siteId).orElse(null);
		boolean live = latest == null || latest.status() == Status.SUCCEEDED;
		model.addAttribute("site", site);
		model.addAttribute("operation", latest);
		model.addAttribute("live", live);
		model.addAttribute("url", addresses.url(site.name()));
		model.addAttribute("members", sites.memberNames(siteId));
		model.addAttribute("disk", disk.of(siteId));
		if (site.hasProcess()) {
			model.addAttribute("process", process.status(siteId));
			model.addAttribute("logLines", SiteProcess.LOG_LINES);
		}
		return VIEW_DETAIL;
	}

	@PostMapping("/sites/{siteId}/operations/{operationId}/retry")
	String retry(@PathVariable long siteId, @PathVariable long operationId, Principal principal,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		try {
			SiteService.requireChangeable(site, user);
			operations.retry(siteId, operationId);
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/sites/" + siteId;
	}

	@PostMapping("/sites/{siteId}/delete")
	String delete(@PathVariable long siteId, @RequestParam(name = "confirm", defaultValue = "") String confirm,
			Principal principal, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		if (!site.name().equals(confirm.strip())) {
			redirect.addFlashAttribute("error", "Type the site's name, " + site.name() + ", to confirm deleting it.");
			return "redirect:/sites/" + siteId;
		}
		service.delete(site, user);
		return "redirect:/sites/" + siteId;
	}

}
