package edu.tjhsst.director.orchestrator.database;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.docker.ContainerDefinition;
import edu.tjhsst.director.orchestrator.docker.ContainerMount;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;

/**
 * Dumps a site's database as SQL with the server's own tool: PostgreSQL 17's pg_dump or mariadb-dump, from
 * {@code director/dbtools:1}. It runs as the site would: in a container of the site's own uid on the site's own
 * network, hardened like the site's process, logging in with the site's own credentials; so it reaches and reads
 * nothing the site could not, whatever the access it is given says.
 */
@Service
public class DatabaseDumps {

	static final String IMAGE = "director/dbtools:1";

	static final String ROLE = "dump";

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	/** Enough for the tools on a school's databases; the site's own limits are not known here. */
	private static final SiteLimits LIMITS = new SiteLimits(1000L, 512L, 64L, null, null);

	private static final Logger log = LoggerFactory.getLogger(DatabaseDumps.class);

	private final DockerContainers containers;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	private final SiteNames names;

	DatabaseDumps(DockerContainers containers, SiteAccounts accounts, SiteNetworks networks, SiteNames names) {
		this.containers = containers;
		this.accounts = accounts;
		this.networks = networks;
		this.names = names;
	}

	/**
	 * Writes the dump to {@code out}, and returns normally only once the tool said it finished.
	 * @throws RejectedInputException when the access is not one a site may have
	 * @throws DumpFailedException when the server refused, the tool failed, or it ran out of time
	 */
	public void dump(long siteId, DatabaseAccess access, OutputStream out) throws IOException {
		List<String> problems = access == null ? List.of("the database's access is required") : access.problems();
		if (!problems.isEmpty()) {
			throw new RejectedInputException(String.join("; ", problems));
		}
		SiteAccount account = accounts.ensure(siteId);
		ContainerDefinition container = ContainerDefinition.of(IMAGE, DirectorLabels.of(ROLE, siteId), List.of(
				ContainerMount.readOnlyBind(account.passwd(), SiteAccount.PASSWD_TARGET),
				ContainerMount.readOnlyBind(account.group(), SiteAccount.GROUP_TARGET),
				ContainerMount.tmpfs("/tmp", 16)))
			.running(command(access), account.user(), "/tmp", environment(access))
			.hardened()
			.limitedTo(LIMITS)
			.logging(Map.of("max-size", "1m", "max-file", "1"));
		String name = names.service(siteId) + "_dump_" + UUID.randomUUID().toString().substring(0, 8);
		DockerContainers.Ended ended;
		try {
			ended = containers.runToEnd(name, container, networks.ensure(siteId), out, TIMEOUT);
		}
		catch (TimeoutException ex) {
			throw new DumpFailedException("the dump of the site's database took longer than " + TIMEOUT.toMinutes()
					+ " minutes and was stopped");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DumpFailedException("the dump was interrupted");
		}
		if (ended.exitCode() != 0) {
			log.warn("the dump of site {}'s database ended with {}: {}", siteId, ended.exitCode(), ended.errors().strip());
			throw new DumpFailedException("the database server did not give the dump: " + firstLine(ended.errors()));
		}
	}

	/** The tool and its arguments, each a whitelisted value (see {@link DatabaseAccess#problems}); no shell. */
	static List<String> command(DatabaseAccess access) {
		List<String> command = new ArrayList<>();
		if (access.engine() == DatabaseEngine.POSTGRESQL) {
			// The site's role owns what it made; who owned it does not matter where the owner loads the dump.
			command.addAll(List.of("/usr/lib/postgresql/17/bin/pg_dump", "--no-owner", "--no-privileges",
					"--host=" + access.host(), "--port=" + access.port(), "--username=" + access.username(),
					"--dbname=" + access.name()));
		}
		else {
			// One transaction: a consistent dump without the LOCK TABLES a site's user may not have. Servers
			// without TLS (the usual one on a school's machine) are not refused by the newer client's default.
			command.addAll(List.of("mariadb-dump", "--single-transaction", "--skip-lock-tables", "--no-tablespaces",
					"--skip-ssl", "--host=" + access.host(), "--port=" + access.port(), "--user=" + access.username(),
					access.name()));
		}
		return command;
	}

	/** The password in the tool's own variable, never on its command line (which other processes may read). */
	static List<String> environment(DatabaseAccess access) {
		String variable = access.engine() == DatabaseEngine.POSTGRESQL ? "PGPASSWORD" : "MYSQL_PWD";
		return List.of(variable + "=" + access.password(), "HOME=/tmp", "PGCONNECT_TIMEOUT=10");
	}

	private static String firstLine(String errors) {
		String line = errors.strip().lines().filter(text -> !text.isBlank()).findFirst().orElse("no message");
		return line.length() > 300 ? line.substring(0, 300) + "..." : line;
	}

}
