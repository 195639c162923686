package edu.tjhsst.director.manager.site;

import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.image.PackageNames;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** A site's extra Debian packages: the list, its last image build's output, and saving a new list. */
@Controller
class PackagesController {

	private static final String VIEW_PACKAGES = "sites/packages";

	private static final Logger log = LoggerFactory.getLogger(PackagesController.class);

	private final SiteAccess access;

	private final SiteService service;

	private final OrchestratorClient orchestrator;

	private final CurrentUser currentUser;

	PackagesController(SiteAccess access, SiteService service, OrchestratorClient orchestrator,
			CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.orchestrator = orchestrator;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/packages")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.requireWithProcess(siteId, currentUser.of(principal));
		model.addAttribute("form", PackagesForm.of(site));
		return page(site, model);
	}

	@PostMapping("/sites/{siteId}/packages")
	String save(@PathVariable long siteId, @ModelAttribute("form") PackagesForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		List<String> names = form.names();
		List<String> problems = PackageNames.problems(names);
		if (!problems.isEmpty()) {
			problems.forEach(problem -> result.rejectValue("packages", "invalid",
					Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + "."));
			return page(site, model);
		}
		service.updatePackages(site, user, names);
		redirect.addFlashAttribute("notice", names.isEmpty() ? "Saved: no extra packages. The site's image is"
				+ " being rebuilt without them." : "Saved " + names.size() + (names.size() == 1 ? " package" : " packages")
				+ "; the site's image is being built with them.");
		return "redirect:/sites/" + siteId;
	}

	private String page(Site site, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("maxPackages", PackageNames.MAX_PACKAGES);
		try {
			model.addAttribute("buildLog", orchestrator.buildLog(site.id()).orElse(null));
		}
		catch (ComponentCallException | UncheckedIOException ex) {
			log.warn("could not read the build log of site {}: {}", site.id(), ex.getMessage());
			model.addAttribute("buildLogUnavailable", true);
		}
		return VIEW_PACKAGES;
	}

}
