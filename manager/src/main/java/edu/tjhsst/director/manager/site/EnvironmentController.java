package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.SiteEnvironment;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** A dynamic site's environment variables: the list, the add-or-change form and deleting one. */
@Controller
class EnvironmentController {

	private static final String VIEW_ENVIRONMENT = "sites/env";

	private final SiteAccess access;

	private final SiteService service;

	private final EnvironmentRepository environment;

	private final CurrentUser currentUser;

	EnvironmentController(SiteAccess access, SiteService service, EnvironmentRepository environment,
			CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.environment = environment;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/env")
	String show(@PathVariable long siteId, @RequestParam(name = "edit", required = false) String edit,
			Principal principal, Model model) {
		Site site = access.requireWithProcess(siteId, currentUser.of(principal));
		List<EnvironmentVariable> variables = environment.findBySite(siteId);
		// Editing fills in the name and, unless it is secret, the value; a secret's value is typed again.
		EnvironmentForm form = variables.stream().filter(variable -> variable.name().equals(edit)).findFirst()
			.map(variable -> new EnvironmentForm(variable.name(), variable.secret() ? "" : variable.value(),
					variable.secret()))
			.orElse(EnvironmentForm.empty());
		model.addAttribute("form", form);
		return page(site, variables, model);
	}

	@PostMapping("/sites/{siteId}/env")
	String save(@PathVariable long siteId, @ModelAttribute("form") EnvironmentForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		String name = form.trimmedName();
		String value = form.normalizedValue();
		List<EnvironmentVariable> variables = environment.findBySite(siteId);
		Optional<String> problem = SiteEnvironment.problems(Map.of(name, value)).stream().findFirst();
		if (problem.isPresent()) {
			result.rejectValue(problem.get().contains("the value of") ? "value" : "name", "invalid",
					withoutPrefix(problem.get()));
		}
		else if (variables.size() >= SiteEnvironment.MAX_VARIABLES
				&& variables.stream().noneMatch(variable -> variable.name().equals(name))) {
			result.rejectValue("name", "tooMany",
					"A site may have at most " + SiteEnvironment.MAX_VARIABLES + " variables; delete one first.");
		}
		if (result.hasErrors()) {
			return page(site, variables, model);
		}
		service.saveVariable(site, user, new EnvironmentVariable(name, value, form.isSecret()));
		redirect.addFlashAttribute("notice", "Saved " + name + "; the site's process restarts with it.");
		return "redirect:/sites/" + siteId + "/env";
	}

	@PostMapping("/sites/{siteId}/env/delete")
	String delete(@PathVariable long siteId, @RequestParam String name, Principal principal,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		service.deleteVariable(site, user, name);
		redirect.addFlashAttribute("notice", "Deleted " + name + "; the site's process restarts without it.");
		return "redirect:/sites/" + siteId + "/env";
	}

	private String page(Site site, List<EnvironmentVariable> variables, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("variables", variables);
		return VIEW_ENVIRONMENT;
	}

	/** The rule's message without the spec field it belongs to, capitalized, as a sentence next to the field. */
	private static String withoutPrefix(String problem) {
		String text = problem.startsWith("env: ") ? problem.substring("env: ".length()) : problem;
		return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
	}

}
