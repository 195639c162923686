package edu.tjhsst.director.manager.terminal;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** The web terminal's page: a shell in the site, in the browser. */
@Controller
class TerminalController {

	private final SiteAccess access;

	private final CurrentUser currentUser;

	TerminalController(SiteAccess access, CurrentUser currentUser) {
		this.access = access;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/terminal")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		model.addAttribute("site", site);
		model.addAttribute("refused", !SiteService.changeable(site, user));
		return "sites/terminal";
	}

}
