package edu.tjhsst.director.orchestrator.database;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
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

	/** The label naming this orchestrator's data root, so that only its own leftovers are removed. */
	static final String OWNER_LABEL = "director.dump.owner";

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	/** The most a dump may be; a site's database is far smaller, and a dump past this is stopped. */
	static final long MAX_BYTES = 2L * 1024 * 1024 * 1024;

	/** Dumps at once, of all sites: each holds a container, a connection and a file while it runs. */
	private static final int AT_ONCE = 2;

	/** Enough for the tools on a school's databases; the site's own limits are not known here. */
	private static final SiteLimits LIMITS = new SiteLimits(1000L, 512L, 64L, null, null);

	private static final Logger log = LoggerFactory.getLogger(DatabaseDumps.class);

	private final DockerContainers containers;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	private final SiteNames names;

	private final String owner;

	/** Where dumps wait, mode 700, until they are sent; emptied at every start. */
	private final Path files;

	private final Semaphore slots = new Semaphore(AT_ONCE);

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	DatabaseDumps(DockerContainers containers, SiteAccounts accounts, SiteNetworks networks, SiteNames names,
			OrchestratorProperties properties) {
		this.containers = containers;
		this.accounts = accounts;
		this.networks = networks;
		this.names = names;
		this.owner = properties.data().toString();
		this.files = properties.data().resolve("dumps");
	}

	/** A new private file for a dump, in a folder that the next start empties should this process die. */
	Path newFile() throws IOException {
		Files.createDirectories(files, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		return Files.createTempFile(files, "dump-", ".sql");
	}

	/**
	 * Removes the dump files and containers an orchestrator that stopped mid-dump left behind (of this platform's
	 * only): the files hold sites' data, and the containers' environment a site's database password.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void removeLeftovers() throws IOException {
		if (Files.isDirectory(files)) {
			try (var leftovers = Files.list(files)) {
				for (Path file : leftovers.toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
		Map<String, String> labels = DirectorLabels.of(ROLE);
		labels.put(OWNER_LABEL, owner);
		for (var container : containers.labelled(labels)) {
			log.info("removing the dump container {}, left by an earlier run", container.id());
			containers.remove(container.id());
		}
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
		// One at a time per site, and a few at once in all: asking again and again takes nobody's turn.
		if (!running.add(siteId)) {
			throw new DumpBusyException("a copy of this site's database is being made already; try again once it is done");
		}
		try {
			if (!slots.tryAcquire()) {
				throw new DumpBusyException("other sites' databases are being copied; try again in a minute");
			}
			try {
				run(siteId, access, new CappedOutputStream(out, MAX_BYTES));
			}
			finally {
				slots.release();
			}
		}
		finally {
			running.remove(siteId);
		}
	}

	private void run(long siteId, DatabaseAccess access, OutputStream out) throws IOException {
		SiteAccount account = accounts.ensure(siteId);
		Map<String, String> labels = DirectorLabels.of(ROLE, siteId);
		labels.put(OWNER_LABEL, owner);
		ContainerDefinition container = ContainerDefinition.of(IMAGE, labels, List.of(
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
		catch (CappedOutputStream.CapReachedException ex) {
			throw new DumpFailedException("the site's database is larger than " + MAX_BYTES / (1024 * 1024 * 1024)
					+ " GiB as SQL, more than a copy may hold");
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
			// A table its owner keeps locked fails the dump after a minute rather than holding it for its timeout.
			command.addAll(List.of("/usr/lib/postgresql/17/bin/pg_dump", "--no-owner", "--no-privileges",
					"--lock-wait-timeout=60s", "--host=" + access.host(), "--port=" + access.port(),
					"--username=" + access.username(), "--dbname=" + access.name()));
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
