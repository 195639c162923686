package edu.tjhsst.director.orchestrator.operator;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/** The record of operator calls, newest last. */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/audit")
class OperatorAuditController {

	static final int MOST = 1000;

	private final OperatorAudit audit;

	OperatorAuditController(OperatorAudit audit) {
		this.audit = audit;
	}

	/** The last {@code limit} calls (1 to 1000), this one not yet among them. */
	@GetMapping
	List<OperatorCall> recent(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MOST) {
			throw new RejectedInputException("limit must be 1 to " + MOST);
		}
		return audit.recent(limit);
	}

}
