package edu.tjhsst.director.manager.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.site.SiteAllowance;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Accounts through the API, for an administrator's token with the {@code admin} scope: listed a page at a time
 * (filtered by a word of the name or address, and by role), one created as on the "New user" form, many imported at
 * once (all of a call or none), and a user's own limit on sites. The same rules as the pages.
 */
@ApiController
@RequestMapping("/api/v1/admin/users")
class UsersApiController {

	/** An account as the API shows it: never its password. */
	record Account(long id, String username, String email, String fullName, String role, boolean enabled, long sites,
			Integer maxSites, boolean customMaxSites) {
	}

	record AccountPage(List<Account> items, int page, int size, boolean hasNext) {
	}

	record MaxSites(Integer maxSites) {
	}

	private static final int MAX_SIZE = 100;

	private final UserRepository users;

	private final SiteAllowance allowance;

	private final AccountImport accounts;

	private final CurrentUser currentUser;

	UsersApiController(UserRepository users, SiteAllowance allowance, AccountImport accounts,
			CurrentUser currentUser) {
		this.users = users;
		this.allowance = allowance;
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	/**
	 * Before every call: the API's security rules let only an administrator's admin-scoped token here; this says so
	 * again where the accounts are, so that a rule changed by mistake does not open them to students.
	 */
	@ModelAttribute
	void administratorsOnly(Principal principal) {
		if (!currentUser.of(principal).isAdmin()) {
			throw new AccessDeniedException("only administrators manage accounts");
		}
	}

	@GetMapping
	AccountPage list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String role,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 1 || size < 1 || size > MAX_SIZE) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"page starts at 1, and size is from 1 to " + MAX_SIZE + ".");
		}
		String word = q.strip().toLowerCase(Locale.ROOT);
		List<User> matching = users.findAll().stream()
			.filter(user -> role.isBlank() || user.role().name().equalsIgnoreCase(role.strip()))
			.filter(user -> word.isEmpty() || user.username().contains(word)
					|| user.email().toLowerCase(Locale.ROOT).contains(word)
					|| user.fullName().toLowerCase(Locale.ROOT).contains(word))
			.toList();
		int from = (int) Math.min((long) (page - 1) * size, matching.size());
		List<User> shown = matching.subList(from, Math.min(from + size, matching.size()));
		Map<Long, SiteAllowance.Count> counts = allowance.all(shown);
		return new AccountPage(shown.stream().map(user -> json(user, counts.get(user.id()))).toList(), page, size,
				from + size < matching.size());
	}

	@GetMapping("/{userId}")
	Account show(@PathVariable long userId) {
		User user = users.findById(userId)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "There is no such user."));
		return json(user, allowance.of(user));
	}

	@PostMapping
	ResponseEntity<Account> create(@RequestBody AccountImport.Row request) {
		AccountImport.Outcome outcome = answered(() -> accounts.create(List.of(request), false, false));
		User user = users.findByUsername(outcome.created().get(0).username()).orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.id()))
			.body(json(user, allowance.of(user)));
	}

	/**
	 * Creates the accounts of a list (a class's CSV, say), all or none: an account whose user name is taken already is
	 * skipped, one left without a password gets a new one, answered once.
	 * @param dryRun check every row, create nothing
	 */
	@PostMapping("/import")
	AccountImport.Outcome importAll(@RequestBody List<AccountImport.Row> request,
			@RequestParam(defaultValue = "false") boolean dryRun) {
		return answered(() -> accounts.create(request, true, dryRun));
	}

	/** A user's own limit on sites; null goes back to the platform's default. */
	@PutMapping("/{userId}/max-sites")
	Account maxSites(@PathVariable long userId, @RequestBody MaxSites request) {
		User user = users.findById(userId)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "There is no such user."));
		Integer max = request.maxSites();
		if (!SiteLimitRule.allowed(max)) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing was changed.", Map.of("maxSites",
					SiteLimitRule.RULE + ", or null for the default."));
		}
		users.setMaxSites(userId, max);
		return json(user, allowance.of(user));
	}

	/** The accounts' refusal as the API's: 422 with each field's problem, or 409 for a race with another request. */
	private static AccountImport.Outcome answered(Supplier<AccountImport.Outcome> creation) {
		try {
			return creation.get();
		}
		catch (AccountsRefusedException ex) {
			throw new ApiRequestException(ex.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
					ex.getMessage(), ex.problems());
		}
	}

	private static Account json(User user, SiteAllowance.Count count) {
		return new Account(user.id(), user.username(), user.email(), user.fullName(), user.role().name(),
				user.enabled(), count.sites(), count.limit(), count.custom());
	}

}
