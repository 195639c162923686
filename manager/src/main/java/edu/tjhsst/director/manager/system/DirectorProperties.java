package edu.tjhsst.director.manager.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The manager's settings; each has an environment variable and a default (see application.properties).
 * @param data the directory that holds Director's state
 * @param database an external PostgreSQL, or blank for the embedded one
 * @param sites how site addresses look
 * @param orchestrator where the orchestrator's API is and the key to sign calls with
 * @param router where the router's API is, its public HTTP address, and the key to sign calls with
 * @param shell where people reach the SSH shell server, and the key it signs its calls to the manager with
 */
@ConfigurationProperties("director")
public record DirectorProperties(Path data, Database database, Sites sites, Component orchestrator, Router router,
		Shell shell) {

	/** An external PostgreSQL by JDBC URL; blank URL means embedded. */
	public record Database(String url, String username, String password) {

		public boolean external() {
			return url != null && !url.isBlank();
		}

	}

	/** Site addresses are {@code <scheme>://<name>.<domain>:<port>/}. */
	public record Sites(String domain, String scheme, int port) {

		public String host(String siteName) {
			return siteName + "." + domain;
		}

		public String url(String siteName) {
			boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
			return scheme + "://" + host(siteName) + (defaultPort ? "" : ":" + port) + "/";
		}

	}

	/** A component's API and the key shared with it. */
	public record Component(String url, String key, String keyFile) {
	}

	/** The router's API, its public HTTP address (for reachability checks), and the shared key. */
	public record Router(String url, String httpUrl, String key, String keyFile) {
	}

	/**
	 * The SSH shell server as people reach it, and the key of its calls to {@code /shell-server/**}.
	 * @param host the host name shown in the instructions; blank for the host name the portal was reached by
	 * @param port the port shown in the instructions
	 * @param key the shell server's key itself, or blank
	 * @param keyFile the file holding it, used when {@code key} is blank; a missing file means no shell server
	 */
	public record Shell(String host, int port, String key, String keyFile) {
	}

}
