package edu.tjhsst.director.shell.manager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.shell.GrantRequest;
import edu.tjhsst.director.common.shell.KeySignIn;
import edu.tjhsst.director.common.shell.PasswordSignIn;
import edu.tjhsst.director.common.shell.ShellGrant;
import edu.tjhsst.director.common.shell.ShellSite;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.terminal.TerminalMode;

/** Calls the manager's {@code /shell-server/**} endpoints, signed as caller {@code shell}. */
public class ManagerClient {

	private final SignedClient client;

	private final ObjectMapper json;

	public ManagerClient(SignedClient client, ObjectMapper json) {
		this.client = client;
		this.json = json;
	}

	/** Checks a user's portal password; the address is the client's, for the manager's own records. */
	public AuthResult password(String user, String password, String address) {
		return auth("/shell-server/auth/password", new PasswordSignIn(user, password, address));
	}

	/** Checks that a public key (an OpenSSH line) is one of the user's keys. */
	public AuthResult key(String user, String keyLine) {
		return auth("/shell-server/auth/key", new KeySignIn(user, keyLine));
	}

	private AuthResult auth(String path, Object body) {
		try {
			post(path, body);
			return new AuthResult(AuthResult.Outcome.ACCEPTED, null);
		}
		catch (ComponentCallException ex) {
			return switch (ex.status()) {
				case 401 -> new AuthResult(AuthResult.Outcome.REJECTED, ex.getMessage());
				case 403 -> new AuthResult(AuthResult.Outcome.BLOCKED, ex.getMessage());
				default -> throw ex;
			};
		}
	}

	/** The sites the user is a member of. The user name has passed the login name's whitelist. */
	public List<ShellSite> sites(String user) {
		try {
			return Arrays.asList(json.readValue(client.get("/shell-server/users/" + user + "/sites"),
					ShellSite[].class));
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "the manager's list of sites could not be read");
		}
	}

	/**
	 * A single-use token for a terminal session in one of the user's sites.
	 * @throws ComponentCallException with the manager's message (404 no such site of hers, 403 disabled or blocked)
	 */
	public String grant(String user, String site, TerminalMode mode, String command, boolean tty) {
		ShellGrant answer;
		try {
			answer = json.readValue(post("/shell-server/grants", GrantRequest.of(user, site, mode, command, tty)),
					ShellGrant.class);
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "the manager's grant could not be read");
		}
		if (answer == null || answer.token() == null) {
			throw new ComponentCallException(0, "the manager's grant has no token");
		}
		return answer.token();
	}

	private String post(String path, Object body) {
		byte[] bytes;
		try {
			bytes = json.writeValueAsBytes(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		HttpResponse<InputStream> response = client.exchange("POST", path, bytes, "application/json");
		try (InputStream in = response.body()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "lost the connection to the manager: " + ex.getMessage());
		}
	}

}
