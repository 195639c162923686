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
 * @param secrets the key that encrypts stored database passwords
 * @param siteDatabases sites' databases: the embedded server for them, names, and the SQL console's limits
 */
@ConfigurationProperties("director")
public record DirectorProperties(Path data, Database database, Sites sites, Component orchestrator, Router router,
		Shell shell, Secrets secrets, SiteDatabases siteDatabases) {

	/** An external PostgreSQL by JDBC URL; blank URL means embedded. */
	public record Database(String url, String username, String password) {

		public boolean external() {
			return url != null && !url.isBlank();
		}

	}

	/**
	 * Site addresses are {@code <scheme>://<name>.<domain>:<port>/}; each user may have at most {@code maxPerUser}
	 * sites unless an administrator set another number for them (administrators themselves have no limit).
	 */
	public record Sites(String domain, String scheme, int port, int maxPerUser) {

		public Sites {
			if (maxPerUser < 0) {
				throw new IllegalArgumentException("DIRECTOR_MAX_SITES_PER_USER must be 0 or more, not " + maxPerUser);
			}
		}

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
	 * @param apiUrl where the shell server answers the manager's signed calls (its metrics), on the loopback address
	 */
	public record Shell(String host, int port, String key, String keyFile, String apiUrl) {
	}

	/**
	 * The key that encrypts the passwords Director stores (database hosts' admin passwords, sites' database
	 * passwords): the key itself, or a file holding it, made on first start when missing.
	 */
	public record Secrets(String key, String keyFile) {
	}

	/**
	 * Sites' databases.
	 * @param embedded whether the manager runs a PostgreSQL of its own for sites (under {@code <data>/site-postgres})
	 *        and registers it as a database host on first start
	 * @param embeddedPort the port it listens on
	 * @param listenAddresses the addresses it listens on besides 127.0.0.1, comma-separated: where sites' containers
	 *        reach the host (the Docker bridge's gateway); blank for 127.0.0.1 only
	 * @param sitesHost the address sites' processes are given for it
	 * @param prefix what every database and user name Director makes starts with, before the site's id; give each
	 *        platform that shares a database server its own
	 * @param consoleTimeoutSeconds how long one run of the SQL console may take
	 * @param consoleRowCap how many rows of a result the SQL console shows
	 */
	public record SiteDatabases(boolean embedded, int embeddedPort, String listenAddresses, String sitesHost,
			String prefix, int consoleTimeoutSeconds, int consoleRowCap) {
	}

}
