package edu.tjhsst.director.manager.reconcile;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** For administrators: what the reconciler put right lately, and how its last round went. */
@Controller
class RepairsController {

	/** How many repairs the page lists. */
	static final int SHOWN = 200;

	private final RepairRepository repairs;

	private final Reconciler reconciler;

	private final ReconcileProperties properties;

	RepairsController(RepairRepository repairs, Reconciler reconciler, ReconcileProperties properties) {
		this.repairs = repairs;
		this.reconciler = reconciler;
		this.properties = properties;
	}

	@GetMapping("/admin/repairs")
	String list(Model model) {
		model.addAttribute("repairs", repairs.newest(SHOWN));
		model.addAttribute("round", reconciler.lastRound().orElse(null));
		model.addAttribute("intervalSeconds", properties.interval().toSeconds());
		return "admin/repairs";
	}

}
