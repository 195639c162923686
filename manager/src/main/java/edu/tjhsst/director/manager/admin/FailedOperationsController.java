package edu.tjhsst.director.manager.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.site.SiteRepository;

/** Every failed operation on the platform, each linking to its site. */
@Controller
class FailedOperationsController {

	private final Operations operations;

	private final SiteRepository sites;

	FailedOperationsController(Operations operations, SiteRepository sites) {
		this.operations = operations;
		this.sites = sites;
	}

	@GetMapping("/admin/operations")
	String list(Model model) {
		model.addAttribute("operations", operations.failed());
		model.addAttribute("sites", sites);
		return "admin/operations";
	}

}
