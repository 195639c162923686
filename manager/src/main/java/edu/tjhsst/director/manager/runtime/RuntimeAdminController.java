package edu.tjhsst.director.manager.runtime;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RuntimeImage;
import edu.tjhsst.director.manager.system.NotFoundException;

/** Administrators list, add, change and hide the runtimes sites may choose. */
@Controller
class RuntimeAdminController {

	private static final Logger log = LoggerFactory.getLogger(RuntimeAdminController.class);

	private static final String VIEW_LIST = "admin/runtimes";

	private static final String VIEW_FORM = "admin/runtime-form";

	private final RuntimeRepository runtimes;

	private final OrchestratorClient orchestrator;

	RuntimeAdminController(RuntimeRepository runtimes, OrchestratorClient orchestrator) {
		this.runtimes = runtimes;
		this.orchestrator = orchestrator;
	}

	@GetMapping("/admin/runtimes")
	String list(Model model) {
		model.addAttribute("runtimes", runtimes.findAll());
		return VIEW_LIST;
	}

	@GetMapping("/admin/runtimes/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", RuntimeForm.empty());
		return form(model, null, null, images());
	}

	@PostMapping("/admin/runtimes/new")
	String processCreationForm(@ModelAttribute("form") RuntimeForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		List<String> images = images();
		form.validate(result, true, images, null);
		if (!result.hasFieldErrors("name") && runtimes.findByName(form.trimmedName()).isPresent()) {
			result.rejectValue("name", "taken", "That name is taken.");
		}
		if (result.hasErrors()) {
			return form(model, null, null, images);
		}
		try {
			runtimes.create(form.toRuntime(form.trimmedName()));
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "taken", "That name is taken.");
			return form(model, null, null, images);
		}
		redirect.addFlashAttribute("notice", "Added the runtime " + form.trimmedName() + ".");
		return "redirect:/admin/runtimes";
	}

	@GetMapping("/admin/runtimes/{name}/edit")
	String initEditForm(@PathVariable String name, Model model) {
		SiteRuntime runtime = existing(name);
		model.addAttribute("form", RuntimeForm.of(runtime));
		return form(model, runtime.name(), runtime.baseImage(), images());
	}

	@PostMapping("/admin/runtimes/{name}/edit")
	String processEditForm(@PathVariable String name, @ModelAttribute("form") RuntimeForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		SiteRuntime current = existing(name);
		List<String> images = images();
		form.validate(result, false, images, current.baseImage());
		if (result.hasErrors()) {
			return form(model, current.name(), current.baseImage(), images);
		}
		runtimes.update(form.toRuntime(current.name()));
		redirect.addFlashAttribute("notice", "Saved the runtime " + current.name() + ".");
		return "redirect:/admin/runtimes";
	}

	private SiteRuntime existing(String name) {
		return runtimes.findByName(name).orElseThrow(() -> new NotFoundException("no runtime " + name));
	}

	/**
	 * The form with its image choices: the app server's runtime images, with the current one kept even if it is not
	 * listed.
	 * @param name the runtime being edited, or null when one is being added
	 */
	private String form(Model model, String name, String currentImage, List<String> images) {
		List<String> choices = new ArrayList<>(images == null ? List.of() : images);
		if (currentImage != null && !choices.contains(currentImage)) {
			choices.add(0, currentImage);
		}
		model.addAttribute("creating", name == null);
		model.addAttribute("runtimeName", name);
		model.addAttribute("images", choices);
		model.addAttribute("imagesUnavailable", images == null);
		return VIEW_FORM;
	}

	/** The app server's runtime images, or null when it cannot be asked. */
	private List<String> images() {
		try {
			return orchestrator.images().stream().map(RuntimeImage::image).toList();
		}
		catch (ComponentCallException | UncheckedIOException ex) {
			log.warn("could not list the app server's images: {}", ex.getMessage());
			return null;
		}
	}

}
