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

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.shell.login.LoginLimiter;
import edu.tjhsst.director.shell.login.LoginName;
import edu.tjhsst.director.shell.manager.AuthResult;
import edu.tjhsst.director.shell.manager.ManagerClient;

/**
 * Checks passwords and public keys with the manager, within the limit on failed logins; a blocked account is
 * disconnected with the manager's message.
 */
final class ManagerAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

	private static final Logger log = LoggerFactory.getLogger(ManagerAuthenticator.class);

	/** The limiter's bucket for login names that are not valid at all, so they cannot grow its map. */
	private static final String INVALID = "(invalid)";

	private final ManagerClient manager;

	private final LoginLimiter limiter;

	ManagerAuthenticator(ManagerClient manager, LoginLimiter limiter) {
		this.manager = manager;
		this.limiter = limiter;
	}

	@Override
	public boolean authenticate(String username, String password, ServerSession session) {
		String address = SiteSession.address(session.getClientAddress());
		Optional<LoginName> login = LoginName.parse(username);
		String user = login.map(LoginName::user).orElse(INVALID);
		if (!limiter.allows(user, address)) {
			log.warn("SSH password login refused for {} from {}: too many failed logins", user, address);
			return false;
		}
		if (login.isEmpty()) {
			limiter.failed(user, address);
			log.warn("SSH password login failed from {}: not a valid login name", address);
			return false;
		}
		AuthResult result;
		try {
			result = manager.password(user, password, address);
		}
		catch (ComponentCallException ex) {
			log.error("SSH password login for {} from {} not checked: {}", user, address, ex.getMessage());
			return false;
		}
		return outcome(result, user, address, "password", session, true);
	}

	@Override
	public boolean authenticate(String username, PublicKey key, ServerSession session) {
		String address = SiteSession.address(session.getClientAddress());
		Optional<LoginName> login = LoginName.parse(username);
		String user = login.map(LoginName::user).orElse(INVALID);
		if (!limiter.allows(user, address)) {
			log.warn("SSH key login refused for {} from {}: too many failed logins", user, address);
			return false;
		}
		if (login.isEmpty()) {
			return false;
		}
		AuthResult result;
		try {
			result = manager.key(user, PublicKeyEntry.toString(key));
		}
		catch (ComponentCallException ex) {
			log.error("SSH key login for {} from {} not checked: {}", user, address, ex.getMessage());
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
				return true;
			}
			case BLOCKED -> {
				log.warn("SSH {} login for {} from {} refused: {}", how, user, address, result.message());
				try {
					session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
							result.message() == null ? "this account is blocked" : result.message());
				}
				catch (IOException ex) {
					log.debug("disconnect of a blocked user failed: {}", ex.getMessage());
				}
				return false;
			}
			default -> {
				if (countFailure) {
					limiter.failed(user, address);
					log.warn("SSH {} login failed for {} from {}", how, user, address);
				}
				return false;
			}
		}
	}

}
