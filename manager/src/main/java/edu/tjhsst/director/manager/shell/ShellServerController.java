package edu.tjhsst.director.manager.shell;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.shell.GrantRequest;
import edu.tjhsst.director.common.shell.KeySignIn;
import edu.tjhsst.director.common.shell.PasswordSignIn;
import edu.tjhsst.director.common.shell.ShellGrant;
import edu.tjhsst.director.common.shell.ShellSite;
import edu.tjhsst.director.common.site.SiteNames;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.user.UserNames;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.sshkey.SshKeyException;
import edu.tjhsst.director.manager.sshkey.SshKeyRepository;
import edu.tjhsst.director.manager.sshkey.SshPublicKey;
import edu.tjhsst.director.manager.system.LoginThrottle;
import edu.tjhsst.director.manager.terminal.TerminalGrants;
import edu.tjhsst.director.manager.user.PasswordCheck;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * What the SSH shell server asks the manager: whether a password or key signs a user in, which sites the user has,
 * and a token for a session in one of them. Every request here was signed by the shell server (see
 * {@link ShellServerConfiguration}).
 */
@RestController
@RequestMapping(ShellServerConfiguration.PREFIX)
class ShellServerController {

	static final String WRONG = "wrong user name or password";

	static final String BLOCKED = "this account is blocked";

	private static final Logger log = LoggerFactory.getLogger(ShellServerController.class);

	private final PasswordCheck passwords;

	private final UserRepository users;

	private final SshKeyRepository keys;

	private final SiteRepository sites;

	private final SiteAccess access;

	private final TerminalGrants grants;

	private final LoginThrottle throttle;

	ShellServerController(PasswordCheck passwords, UserRepository users, SshKeyRepository keys, SiteRepository sites,
			SiteAccess access, TerminalGrants grants, LoginThrottle throttle) {
		this.passwords = passwords;
		this.users = users;
		this.keys = keys;
		this.sites = sites;
		this.access = access;
		this.grants = grants;
		this.throttle = throttle;
	}

	/**
	 * Checks a password within the portal's limit on failed sign-ins, counted for the SSH client's address, so that
	 * SSH is no way around the sign-in form's limit (the shell server has a limit of its own as well). A refusal is a
	 * 403, which the shell server shows the person as it disconnects.
	 */
	@PostMapping("/auth/password")
	ResponseEntity<Map<String, Object>> password(@RequestBody PasswordSignIn request) {
		String username = request.username();
		String password = request.password();
		String address = address(request.address());
		if (!isUsername(username) || password == null || password.isEmpty() || password.length() > 1024) {
			log.info("shell sign-in by password refused: malformed user name or password from {}", address);
			return error(401, WRONG);
		}
		// The shell server always sends the address; without one, all such sign-ins share one count.
		String counted = address.isEmpty() ? "ssh:unknown" : address;
		Optional<LoginThrottle.Refusal> refusal = throttle.refusal(username, counted, "SSH");
		if (refusal.isPresent()) {
			return error(403, refusal.get().message());
		}
		Optional<User> user = passwords.check(username, password);
		if (user.isPresent()) {
			throttle.succeeded(username, counted);
		}
		else {
			throttle.failed(username, counted, "SSH");
		}
		return signIn(user, username, "password", address);
	}

	@PostMapping("/auth/key")
	ResponseEntity<Map<String, Object>> key(@RequestBody KeySignIn request) {
		String username = request.username();
		if (!isUsername(username)) {
			return error(401, WRONG);
		}
		SshPublicKey key;
		try {
			key = SshPublicKey.parse(request.key());
		}
		catch (SshKeyException ex) {
			return error(401, WRONG);
		}
		Optional<User> user = users.findByUsername(username).filter(found -> keys.hasKey(found.id(), key));
		return signIn(user, username, "key " + key.fingerprint(), "");
	}

	@GetMapping("/users/{username}/sites")
	ResponseEntity<?> sites(@PathVariable String username) {
		Optional<User> user = isUsername(username) ? users.findByUsername(username).filter(User::enabled)
				: Optional.empty();
		if (user.isEmpty()) {
			return error(404, "no such user");
		}
		List<ShellSite> list = sites.findByMember(user.get().id()).stream()
			.map(site -> new ShellSite(site.id(), site.name(), site.type(), site.availability()))
			.toList();
		return ResponseEntity.ok(list);
	}

	@PostMapping("/grants")
	ResponseEntity<?> grant(@RequestBody GrantRequest request) {
		String username = request.username();
		Optional<User> found = isUsername(username) ? users.findByUsername(username) : Optional.empty();
		if (found.isEmpty()) {
			return error(404, "no such user");
		}
		User user = found.get();
		if (!user.enabled()) {
			return error(403, BLOCKED);
		}
		Optional<TerminalMode> mode = request.terminalMode();
		if (mode.isEmpty()) {
			return error(400, "mode must be SHELL, EXEC or SFTP");
		}
		String name = request.site();
		Optional<Site> site = SiteNames.isValid(name) ? sites.findByName(name) : Optional.empty();
		// Who may open a terminal in which site is the portal's rule, decided here and nowhere in the shell server.
		site = site.filter(candidate -> access.allows(candidate.id(), user));
		if (site.isEmpty()) {
			return error(404, username + " has no site called " + (SiteNames.isValid(name) ? name : "that"));
		}
		if (!SiteService.changeable(site.get(), user)) {
			return error(403, "the site " + name + " is disabled");
		}
		String token;
		try {
			token = grants.mint(site.get(), user, mode.get(), request.command(), request.wantsTty());
		}
		catch (IllegalArgumentException ex) {
			return error(400, ex.getMessage());
		}
		log.info("terminal grant: {} {} in site {} for {}", mode.get(), request.wantsTty() ? "tty" : "pipes", name,
				username);
		return ResponseEntity.ok(new ShellGrant(token, name));
	}

	private static ResponseEntity<Map<String, Object>> signIn(Optional<User> user, String username, String how,
			String address) {
		if (user.isEmpty()) {
			log.info("shell sign-in of {} by {} refused{}", username, how, address.isEmpty() ? "" : " from " + address);
			return error(401, WRONG);
		}
		if (!user.get().enabled()) {
			log.info("shell sign-in of blocked user {} by {} refused{}", username, how,
					address.isEmpty() ? "" : " from " + address);
			return error(403, BLOCKED);
		}
		log.info("shell sign-in of {} by {}{}", username, how, address.isEmpty() ? "" : " from " + address);
		return ResponseEntity.ok(Map.of("username", user.get().username()));
	}

	/** A user name as accounts have them; anything else is no user, and is never looked up or logged as is. */
	private static boolean isUsername(String username) {
		return UserNames.isValid(username);
	}

	/** The client's address for the log, only if it looks like one. */
	private static String address(String address) {
		return address != null && address.matches("^[0-9A-Fa-f.:\\[\\]]{1,64}$") ? address : "";
	}

	private static ResponseEntity<Map<String, Object>> error(int status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
