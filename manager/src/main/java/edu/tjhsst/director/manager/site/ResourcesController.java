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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/**
 * A site's "Resources" page: its owners choose its process's CPU share and, for a PHP site, php-fpm's worker count,
 * from what its administrator-set limits allow.
 */
@Controller
class ResourcesController {

	private static final String VIEW = "sites/resources";

	private final SiteAccess access;

	private final SiteService service;

	private final CurrentUser currentUser;

	ResourcesController(SiteAccess access, SiteService service, CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/resources")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.requireWithProcess(siteId, currentUser.of(principal));
		SiteLimits running = site.runningLimits();
		model.addAttribute("form", new ResourcesForm(Long.toString(running.cpuMillis()),
				Long.toString(running.phpWorkers())));
		return page(site, model);
	}

	@PostMapping("/sites/{siteId}/resources")
	String save(@PathVariable long siteId, @ModelAttribute("form") ResourcesForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		// The owners of a disabled site are told so, whatever they sent.
		SiteService.requireChangeable(site, user);
		Long cpu = ResourcesForm.choice(form.cpu(), SiteResources.cpuChoices(site.limits()));
		if (cpu == null) {
			result.rejectValue("cpu", "invalid", "Choose one of the CPU shares offered.");
		}
		Long workers = site.resources().phpWorkers();
		if (site.type() == SiteType.PHP) {
			workers = ResourcesForm.choice(form.phpWorkers(), SiteResources.phpWorkerChoices(site.limits()));
			if (workers == null) {
				result.rejectValue("phpWorkers", "invalid", "Choose one of the worker counts offered.");
			}
		}
		if (result.hasErrors()) {
			return page(site, model);
		}
		// The limit's own values are stored as no choice, so that a limit an administrator raises later reaches it.
		service.updateResources(site, user, new SiteResources(cpu.equals(site.limits().cpuMillis()) ? null : cpu,
				workers == null || workers.equals(site.limits().phpWorkers()) ? null : workers));
		String php = site.type() == SiteType.PHP ? " and " + workers + (workers.equals(1L) ? " PHP worker" : " PHP workers")
				: "";
		redirect.addFlashAttribute("notice", "Saved: " + SiteResources.cores(cpu) + " of a core" + php
				+ "; the site's process is being restarted with them.");
		return "redirect:/sites/" + siteId;
	}

	private String page(Site site, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("limits", site.limits());
		model.addAttribute("cpuLimit", SiteResources.cores(site.limits().cpuMillis()));
		List<Long> cpuChoices = SiteResources.cpuChoices(site.limits());
		model.addAttribute("cpuChoices", cpuChoices.stream().map(millis -> new Choice(Long.toString(millis),
				SiteResources.cores(millis) + (millis.equals(site.limits().cpuMillis()) ? " (the most)" : ""))).toList());
		model.addAttribute("workerChoices", SiteResources.phpWorkerChoices(site.limits()).stream()
			.map(count -> new Choice(Long.toString(count), Long.toString(count))).toList());
		model.addAttribute("isPhp", site.type() == SiteType.PHP);
		return VIEW;
	}

	/** One option of a list: the value sent and the text shown. */
	record Choice(String value, String label) {
	}

}
