package edu.tjhsst.director.manager.site;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import edu.tjhsst.director.manager.remote.ProcessStatus;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/** A dynamic or PHP site's process on its page: the status and log the page polls, and the Restart button. */
@Controller
class SiteProcessController {

	private final SiteAccess access;

	private final SiteService service;

	private final SiteProcess process;

	private final CurrentUser currentUser;

	SiteProcessController(SiteAccess access, SiteService service, SiteProcess process, CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.process = process;
		this.currentUser = currentUser;
	}

	/** The process's status and its last log lines, for the page's script; 404 for anyone who may not see it. */
	@GetMapping("/sites/{siteId}/process")
	@ResponseBody
	ProcessView show(@PathVariable long siteId, Principal principal) {
		Site site = access.requireWithProcess(siteId, currentUser.of(principal));
		ProcessStatus status = process.status(site.id());
		// The run.sh help is a dynamic site's; a PHP site's php-fpm needs no run.sh.
		return new ProcessView(status.state(), status.detail(), site.isDynamic() && status.needsHelp(),
				process.logs(site.id()));
	}

	@PostMapping("/sites/{siteId}/restart")
	String restart(@PathVariable long siteId, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		service.restart(site, user);
		return "redirect:/sites/" + siteId;
	}

	/**
	 * What the page's script shows.
	 * @param state what the process is doing
	 * @param detail since when, or how it exited
	 * @param needsHelp whether to explain how to add a {@code run.sh}
	 * @param log its last lines
	 */
	record ProcessView(String state, String detail, boolean needsHelp, String log) {
	}

}
