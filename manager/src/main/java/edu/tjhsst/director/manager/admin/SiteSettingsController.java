package edu.tjhsst.director.manager.admin;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** An administrator's page for one site's limits and availability; /admin/** is for administrators only. */
@Controller
class SiteSettingsController {

	private static final String VIEW_SETTINGS = "admin/site";

	private final SiteAccess access;

	private final SiteService service;

	private final CurrentUser currentUser;

	SiteSettingsController(SiteAccess access, SiteService service, CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/sites/{siteId}")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.require(siteId, currentUser.of(principal));
		model.addAttribute("form", SiteSettingsForm.of(site));
		return page(site, model);
	}

	@PostMapping("/admin/sites/{siteId}")
	String save(@PathVariable long siteId, @ModelAttribute("form") SiteSettingsForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		User admin = currentUser.of(principal);
		Site site = access.require(siteId, admin);
		SiteSettingsForm.Parsed parsed = form.parse();
		parsed.errors().forEach((field, message) -> result.rejectValue(field, "invalid", message));
		if (result.hasErrors()) {
			return page(site, model);
		}
		service.updateSettings(site, admin, parsed.settings());
		redirect.addFlashAttribute("notice", "Saved the settings of " + site.name() + "; they are being applied.");
		return "redirect:/sites/" + siteId;
	}

	private static String page(Site site, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("availabilities", SiteAvailability.values());
		model.addAttribute("defaults", SiteSettingsForm.defaults());
		return VIEW_SETTINGS;
	}

}
