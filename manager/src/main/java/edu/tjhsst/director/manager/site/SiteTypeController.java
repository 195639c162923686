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

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.runtime.SiteRuntime;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** Changing a site between static, PHP and dynamic, or a dynamic site's runtime, through an operation. */
@Controller
class SiteTypeController {

	private static final String VIEW_TYPE = "sites/type";

	private final SiteAccess access;

	private final SiteService service;

	private final RuntimeChoices runtimes;

	private final ChangeTypeRules rules;

	private final CurrentUser currentUser;

	SiteTypeController(SiteAccess access, SiteService service, RuntimeChoices runtimes, ChangeTypeRules rules,
			CurrentUser currentUser) {
		this.rules = rules;
		this.access = access;
		this.service = service;
		this.runtimes = runtimes;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/type")
	String initChangeForm(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.require(siteId, currentUser.of(principal));
		model.addAttribute("form", ChangeTypeForm.of(site));
		return page(site, model);
	}

	@PostMapping("/sites/{siteId}/type")
	String processChangeForm(@PathVariable long siteId, @ModelAttribute("form") ChangeTypeForm form,
			BindingResult result, Principal principal, Model model) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		SiteType type = form.siteType();
		String runtime = form.trimmedRuntime();
		rules.problems(site, type, runtime).forEach((field, problem) -> result.rejectValue(field, "invalid", problem));
		if (result.hasErrors()) {
			return page(site, model);
		}
		service.changeType(site, user, type, ChangeTypeRules.stored(site, type, runtime));
		return "redirect:/sites/" + siteId;
	}

	private String page(Site site, Model model) {
		List<SiteRuntime> offered = runtimes.offered();
		model.addAttribute("site", site);
		model.addAttribute("runtimes", offered);
		model.addAttribute("runtimesUnavailable", offered.isEmpty() ? RuntimeChoices.UNAVAILABLE : null);
		return VIEW_TYPE;
	}

}
