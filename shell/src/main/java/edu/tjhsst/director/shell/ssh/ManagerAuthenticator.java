package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.login.FailureLimiter;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.shell.login.LoginName;
import edu.tjhsst.director.shell.manager.AuthResult;
import edu.tjhsst.director.shell.manager.ManagerClient;

/**
 * Checks passwords and public keys with the manager. Password logins stay within the limit on failed logins per
 * (user, address) and per address: a locked-out attempt is disconnected with a message and never reaches the
 * manager. Key logins are not limited, since a key cannot be guessed, so a lockout never keeps a key's owner out. A
 * blocked account is disconnected with the manager's message.
 */
final class ManagerAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

	private static final Logger log = LoggerFactory.getLogger(ManagerAuthenticator.class);

	/** The limiter's bucket for login names that are not valid at all, so they cannot grow its map. */
	private static final String INVALID = "(invalid)";

	private final ManagerClient manager;

	private final FailureLimiter limiter;

	private final ShellMetrics metrics;

	ManagerAuthenticator(ManagerClient manager, FailureLimiter limiter, ShellMetrics metrics) {
		this.manager = manager;
		this.limiter = limiter;
		this.metrics = metrics;
	}

	@Override
	public boolean authenticate(String username, String password, ServerSession session) {
		String address = SiteSession.address(session.getClientAddress());
		Optional<LoginName> login = LoginName.parse(username);
		String user = login.map(LoginName::user).orElse(INVALID);
		Optional<FailureLimiter.Lockout> lockout = limiter.refusal(user, address);
		if (lockout.isPresent()) {
			log.warn("SSH password login refused for {} from {} without checking it: too many failed logins ({})",
					user, address, lockout.get().scope());
			disconnect(session, lockout.get().message(limiter.now()));
			metrics.login("password", ShellMetrics.Result.LOCKED);
			return false;
		}
		if (login.isEmpty()) {
			failed(user, address);
			metrics.login("password", ShellMetrics.Result.REFUSED);
			log.warn("SSH password login failed from {}: not a valid login name", address);
			return false;
		}
		AuthResult result;
		try {
			result = manager.password(user, password, address);
		}
		catch (ComponentCallException ex) {
			log.error("SSH password login for {} from {} not checked: {}", user, address, ex.getMessage());
			metrics.login("password", ShellMetrics.Result.UNCHECKED);
			return false;
		}
		return outcome(result, user, address, "password", session, true);
	}

	@Override
	public boolean authenticate(String username, PublicKey key, ServerSession session) {
		String address = SiteSession.address(session.getClientAddress());
		Optional<LoginName> login = LoginName.parse(username);
		String user = login.map(LoginName::user).orElse(INVALID);
		if (login.isEmpty()) {
			metrics.login("key", ShellMetrics.Result.REFUSED);
			return false;
		}
		AuthResult result;
		try {
			result = manager.key(user, PublicKeyEntry.toString(key));
		}
		catch (ComponentCallException ex) {
			log.error("SSH key login for {} from {} not checked: {}", user, address, ex.getMessage());
			metrics.login("key", ShellMetrics.Result.UNCHECKED);
			return false;
		}
		// Clients offer every key they hold, so an unknown key is not a failed guess and is not counted.
		return outcome(result, user, address, "key", session, false);
	}

	private boolean outcome(AuthResult result, String user, String address, String how, ServerSession session,
			boolean countFailure) {
		switch (result.outcome()) {
			case ACCEPTED -> {
				log.info("SSH {} login for {} from {}", how, user, address);
				metrics.login(how, ShellMetrics.Result.ACCEPTED);
				if (countFailure) {
					limiter.succeeded(user, address);
				}
				return true;
			}
			case BLOCKED -> {
				log.warn("SSH {} login for {} from {} refused: {}", how, user, address, result.message());
				metrics.login(how, ShellMetrics.Result.BLOCKED);
				disconnect(session, result.message() == null ? "this account is blocked" : result.message());
				return false;
			}
			default -> {
				metrics.login(how, ShellMetrics.Result.REFUSED);
				if (countFailure) {
					failed(user, address);
					log.warn("SSH {} login failed for {} from {}", how, user, address);
				}
				return false;
			}
		}
	}

	private void failed(String user, String address) {
		limiter.failed(user, address).ifPresent(lockout -> log.warn(
				"SSH password logins {} from {} are refused until {} after {} failures",
				lockout.scope() == FailureLimiter.Scope.ADDRESS ? "for every user" : "for " + user, address,
				lockout.until(), lockout.scope() == FailureLimiter.Scope.ADDRESS ? limiter.limits().perAddress()
						: limiter.limits().perUserAndAddress()));
	}

	private static void disconnect(ServerSession session, String message) {
		try {
			session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, message);
		}
		catch (IOException ex) {
			log.debug("disconnect after a refused login failed: {}", ex.getMessage());
		}
	}

}
