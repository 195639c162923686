package edu.tjhsst.director.manager.file;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** The editor's page; everything on it is loaded afterwards through the file API. */
@Controller
class FileEditorController {

	private static final String VIEW_EDITOR = "files/editor";

	private final SiteAccess access;

	private final CurrentUser currentUser;

	FileEditorController(SiteAccess access, CurrentUser currentUser) {
		this.access = access;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/files")
	String show(@PathVariable long siteId, Principal principal, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		if (site.isDisabled() && !user.isAdmin()) {
			redirect.addFlashAttribute("error",
					"This site was disabled by an administrator, so its files cannot be edited.");
			return "redirect:/sites/" + siteId;
		}
		model.addAttribute("site", site);
		model.addAttribute("maxFileBytes", FilePaths.MAX_FILE_BYTES);
		return VIEW_EDITOR;
	}

}
