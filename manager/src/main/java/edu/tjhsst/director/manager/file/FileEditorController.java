package edu.tjhsst.director.manager.file;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

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
	String show(@PathVariable long siteId, Principal principal, Model model) {
		User user = currentUser.of(principal);
		// The editor is for changing files, so a disabled site's owners are sent back as from any change.
		Site site = access.requireChangeable(siteId, user);
		model.addAttribute("site", site);
		model.addAttribute("maxFileBytes", FilePaths.MAX_FILE_BYTES);
		return VIEW_EDITOR;
	}

}
