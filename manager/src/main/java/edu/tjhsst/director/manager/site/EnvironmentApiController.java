package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import edu.tjhsst.director.common.site.SiteEnvironment;
import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/**
 * A site's environment variables through the API, as on its "Environment" page: listed (a secret's value never),
 * set and removed, each change answering 202 with the operation that restarts the process with it. Only a site with
 * a process has them.
 */
@ApiController
@RequestMapping("/api/v1/sites/{siteId}/env")
class EnvironmentApiController {

	/** A variable as the API shows it: a secret's value is null. */
	record Variable(String name, String value, boolean secret) {
	}

	/** What setting a variable takes; a missing value is empty, a missing secret is false. */
	record NewValue(String value, Boolean secret) {
	}

	private final SiteAccess access;

	private final SiteService service;

	private final EnvironmentRepository environment;

	private final Operations operations;

	private final CurrentUser currentUser;

	EnvironmentApiController(SiteAccess access, SiteService service, EnvironmentRepository environment,
			Operations operations, CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.environment = environment;
		this.operations = operations;
		this.currentUser = currentUser;
	}

	@GetMapping
	List<Variable> list(@PathVariable long siteId, Principal principal) {
		access.requireWithProcess(siteId, currentUser.of(principal));
		return environment.findBySite(siteId).stream()
			.map(variable -> new Variable(variable.name(), variable.secret() ? null : variable.value(),
					variable.secret()))
			.toList();
	}

	@PutMapping("/{name}")
	ResponseEntity<Started> set(@PathVariable long siteId, @PathVariable String name, @RequestBody NewValue request,
			Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		String value = request.value() == null ? "" : request.value();
		List<String> problems = SiteEnvironment.problems(Map.of(name, value));
		if (!problems.isEmpty()) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY,
					"The variable cannot be set as asked; nothing was stored.",
					Map.of(problems.get(0).contains("the value of") ? "value" : "name", problems.get(0)));
		}
		List<EnvironmentVariable> variables = environment.findBySite(siteId);
		if (variables.size() >= SiteEnvironment.MAX_VARIABLES
				&& variables.stream().noneMatch(variable -> variable.name().equals(name))) {
			throw new ApiRequestException(HttpStatus.CONFLICT,
					"A site may have at most " + SiteEnvironment.MAX_VARIABLES + " variables; delete one first.");
		}
		long operation = service.saveVariable(site, user,
				new EnvironmentVariable(name, value, Boolean.TRUE.equals(request.secret())));
		return Started.answer(operations, siteId, operation, HttpStatus.ACCEPTED);
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Started> delete(@PathVariable long siteId, @PathVariable String name, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.requireWithProcess(siteId, user);
		long operation = service.deleteVariable(site, user, name)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "The site has no such variable."));
		return Started.answer(operations, siteId, operation, HttpStatus.ACCEPTED);
	}

}
