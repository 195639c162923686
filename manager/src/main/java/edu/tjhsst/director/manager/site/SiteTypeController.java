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

	private final CurrentUser currentUser;

	SiteTypeController(SiteAccess access, SiteService service, RuntimeChoices runtimes, CurrentUser currentUser) {
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
		if (type == null) {
			result.rejectValue("type", "invalid", "Choose Static, PHP or Dynamic.");
		}
		else if (type == SiteType.DYNAMIC) {
			runtimes.problem(runtime).ifPresent(problem -> result.rejectValue("runtime", "invalid", problem));
		}
		boolean unchanged = type == site.type() && (type != SiteType.DYNAMIC || runtime.equals(site.runtime()));
		if (!result.hasErrors() && unchanged) {
			result.rejectValue("type", "unchanged", "The site is already served this way; choose something else.");
		}
		if (result.hasErrors()) {
			return page(site, model);
		}
		String stored = switch (type) {
			case DYNAMIC -> runtime;
			case PHP -> Site.PHP_RUNTIME;
			// A static site keeps its last runtime, for a change back.
			case STATIC -> site.runtime();
		};
		service.changeType(site, user, type, stored);
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
