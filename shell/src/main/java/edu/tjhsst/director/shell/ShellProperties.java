package edu.tjhsst.director.shell;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import edu.tjhsst.director.common.login.FailureLimits;

/**
 * The shell server's settings, bound from {@code director.shell.*} (see {@code application.properties} for the
 * environment variables behind each one).
 * @param address the address the SSH server listens on
 * @param port the SSH port; 0 picks a free one (tests)
 * @param hostKey the file that keeps the host key across restarts
 * @param managerUrl the manager's base URL
 * @param orchestratorUrl the orchestrator's base URL
 * @param key the key this server signs its calls with as caller {@code shell}, or blank to read {@code keyFile}
 * @param keyFile the file holding that key
 * @param maxFailures failed password logins for one user name from one address that lock that pair out
 * @param maxAddressFailures failed password logins from one address, for any user names, that lock the address out
 * @param failureWindow the time within which those failures count
 * @param lockout how long password logins stay refused after that
 */
@ConfigurationProperties("director.shell")
public record ShellProperties(String address, int port, Path hostKey, URI managerUrl, URI orchestratorUrl,
		String key, String keyFile, int maxFailures, int maxAddressFailures, Duration failureWindow, Duration lockout) {

	/** How many pairs and addresses the limiter remembers at most. */
	private static final int MAX_TRACKED = 10_000;

	public ShellProperties {
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException("DIRECTOR_SHELL_ADDRESS must name the address to listen on");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("DIRECTOR_SHELL_PORT must be 1 to 65535 (or 0 for any free port), not " + port);
		}
		if (hostKey == null) {
			throw new IllegalArgumentException("director.shell.host-key is required (it follows DIRECTOR_DATA)");
		}
		hostKey = hostKey.toAbsolutePath().normalize();
		managerUrl = httpUrl(managerUrl, "DIRECTOR_MANAGER_URL");
		orchestratorUrl = httpUrl(orchestratorUrl, "DIRECTOR_ORCHESTRATOR_URL");
		if (maxFailures < 1 || maxAddressFailures < 1) {
			throw new IllegalArgumentException(
					"director.shell.max-failures and max-address-failures must be at least 1");
		}
		if (failureWindow == null || lockout == null || failureWindow.isNegative() || failureWindow.isZero()
				|| lockout.isNegative() || lockout.isZero()) {
			throw new IllegalArgumentException("director.shell.failure-window and lockout must be positive");
		}
	}

	/** The limits on failed password logins these settings give. */
	public FailureLimits failureLimits() {
		return new FailureLimits(maxFailures, maxAddressFailures, failureWindow, lockout, MAX_TRACKED);
	}

	private static URI httpUrl(URI url, String name) {
		if (url == null || url.getHost() == null
				|| !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException(name + " must be an http or https URL, not " + url);
		}
		return url;
	}

	@Override
	public String toString() {
		return "ShellProperties[address=" + address + ", port=" + port + ", hostKey=" + hostKey + ", managerUrl="
				+ managerUrl + ", orchestratorUrl=" + orchestratorUrl + ", key="
				+ (key == null || key.isBlank() ? "" : "[hidden]") + ", keyFile=" + keyFile + "]";
	}

}
