package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationJson;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.user.User;

/**
 * Operations through the API: one, by its id, for whoever may see its site; waiting for it to finish (up to a minute
 * per call, so that a script needs no loop of its own for most operations); and retrying a failed one.
 */
@ApiController
@RequestMapping("/api/v1/operations")
class OperationsApiController {

	static final int MAX_WAIT_SECONDS = 60;

	static final int MAX_PAGE_SIZE = 100;

	/**
	 * Waits under way at once, for one person and in all: each holds one of the portal's request threads, so a
	 * script waiting on many calls at once must not hold them all (and the pages with them). More get 429.
	 */
	static final int WAITS_PER_USER = 2;

	static final int WAITS_IN_ALL = 32;

	private static final Duration POLL = Duration.ofMillis(500);

	private final Operations operations;

	private final SiteAccess access;

	private final CurrentUser currentUser;

	private final Semaphore allWaits = new Semaphore(WAITS_IN_ALL);

	/** Each person's waits; a person's semaphore stays once made (one per account at most). */
	private final Map<Long, Semaphore> waitsByUser = new ConcurrentHashMap<>();

	OperationsApiController(Operations operations, SiteAccess access, CurrentUser currentUser) {
		this.operations = operations;
		this.access = access;
		this.currentUser = currentUser;
	}

	/** One page of a site's operations, newest first, with where the next starts. */
	record OperationPage(List<OperationJson> items, int page, int size, boolean hasNext) {
	}

	/** A site's operations, newest first; with {@code status} (PENDING, RUNNING, SUCCEEDED, FAILED) only those. */
	@GetMapping
	OperationPage list(@RequestParam long siteId, @RequestParam(required = false) String status,
			@RequestParam(name = "page", defaultValue = "1") int page,
			@RequestParam(name = "size", defaultValue = "20") int size, Principal principal) {
		if (page < 1 || page > 100_000 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"page counts from 1, and size is from 1 to " + MAX_PAGE_SIZE + ".");
		}
		Status wanted = null;
		if (status != null && !status.isBlank()) {
			wanted = Arrays.stream(Status.values()).filter(known -> known.name().equalsIgnoreCase(status.strip()))
				.findFirst().orElseThrow(() -> new ApiRequestException(HttpStatus.BAD_REQUEST,
						"status is one of " + Arrays.toString(Status.values()) + "."));
		}
		access.require(siteId, currentUser.of(principal));
		List<Operation> found = operations.forSite(siteId, wanted, (page - 1) * size, size + 1);
		return new OperationPage(found.stream().limit(size).map(OperationJson::of).toList(), page, size,
				found.size() > size);
	}

	/**
	 * The operation as it stands, or, with {@code wait}, once it has finished or that many seconds have passed,
	 * whichever is first; the answer's status says which.
	 */
	@GetMapping("/{operationId}")
	OperationJson show(@PathVariable long operationId, @RequestParam(name = "wait", defaultValue = "0") int wait,
			Principal principal) {
		if (wait < 0 || wait > MAX_WAIT_SECONDS) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST, "wait is from 0 to " + MAX_WAIT_SECONDS + " seconds.");
		}
		User user = currentUser.of(principal);
		Operation operation = visible(operationId, user);
		if (wait == 0 || operation.status().finished()) {
			return OperationJson.of(operation);
		}
		if (!startWaiting(user.id())) {
			throw new ApiRequestException(HttpStatus.TOO_MANY_REQUESTS, "Wait for at most " + WAITS_PER_USER
					+ " operations at once, and try again in a few seconds if the portal is waiting for many.",
					Map.of(), Duration.ofSeconds(5));
		}
		try {
			return OperationJson.of(waitFor(operation, Instant.now().plusSeconds(wait)));
		}
		finally {
			stopWaiting(user.id());
		}
	}

	private Operation waitFor(Operation start, Instant deadline) {
		Operation operation = start;
		while (!operation.status().finished() && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				// The portal is stopping: the operation as it stands is the answer.
				Thread.currentThread().interrupt();
				return operation;
			}
			Optional<Operation> now = operations.find(operation.id());
			if (now.isEmpty()) {
				// Only a site's deletion, as its last step, removes its operations.
				throw new ApiRequestException(HttpStatus.GONE, "The site was deleted, and its operations with it.");
			}
			operation = now.get();
		}
		return operation;
	}

	private boolean startWaiting(long userId) {
		Semaphore own = waitsByUser.computeIfAbsent(userId, id -> new Semaphore(WAITS_PER_USER));
		if (!own.tryAcquire()) {
			return false;
		}
		if (!allWaits.tryAcquire()) {
			own.release();
			return false;
		}
		return true;
	}

	private void stopWaiting(long userId) {
		allWaits.release();
		waitsByUser.get(userId).release();
	}

	@PostMapping("/{operationId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	OperationJson retry(@PathVariable long operationId, Principal principal) {
		User user = currentUser.of(principal);
		Operation operation = visible(operationId, user);
		SiteService.requireChangeable(access.require(operation.siteId(), user), user);
		try {
			operations.retry(operation.siteId(), operationId);
		}
		catch (IllegalStateException ex) {
			throw new ApiRequestException(HttpStatus.CONFLICT, ex.getMessage());
		}
		return operations.find(operationId).map(OperationJson::of).orElseThrow(() -> new ApiRequestException(
				HttpStatus.GONE, "The operation ran again and finished, and deleted its site with it."));
	}

	/** The operation when its site is one the user may see; the same 404 as for none at all otherwise. */
	private Operation visible(long operationId, User user) {
		Operation operation = operations.find(operationId)
			.orElseThrow(() -> new NotFoundException("no such operation"));
		if (!access.allows(operation.siteId(), user)) {
			throw new NotFoundException("no such operation");
		}
		return operation;
	}

}
