package edu.tjhsst.director.manager.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * Registers the embedded PostgreSQL for sites as a database host on the manager's first start (so that a newcomer can
 * create a database with no set-up), and on later starts brings its addresses and password up to date, keeping
 * whether an administrator enabled it.
 */
@Component
@ConditionalOnProperty(name = "director.site-databases.embedded", havingValue = "true")
class EmbeddedSiteDatabaseRegistration implements ApplicationRunner {

	static final String NAME = "Embedded PostgreSQL";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSiteDatabaseRegistration.class);

	private final EmbeddedSiteDatabaseServer server;

	private final DatabaseHostRepository hosts;

	private final String sitesHost;

	EmbeddedSiteDatabaseRegistration(EmbeddedSiteDatabaseServer server, DatabaseHostRepository hosts,
			DirectorProperties properties) {
		this.server = server;
		this.hosts = hosts;
		this.sitesHost = properties.siteDatabases().sitesHost();
	}

	@Override
	public void run(ApplicationArguments args) {
		register();
	}

	/** Creates or updates the embedded host; returns its id. */
	long register() {
		DatabaseHost wanted = new DatabaseHost(0, NAME, DatabaseEngine.POSTGRESQL, "127.0.0.1", server.port(),
				EmbeddedSiteDatabaseServer.ADMIN, server.adminPassword(), sitesHost, server.port(), true, true);
		var existing = hosts.findEmbedded();
		if (existing.isEmpty()) {
			long id;
			try {
				id = hosts.create(wanted);
			}
			catch (DuplicateKeyException taken) {
				// An administrator gave another host this name before; the embedded one takes a longer one.
				id = hosts.create(new DatabaseHost(0, NAME + " (sites)", wanted.engine(), wanted.adminHost(),
						wanted.adminPort(), wanted.adminUsername(), wanted.adminPassword(), wanted.sitesHost(),
						wanted.sitesPort(), true, true));
			}
			log.info("registered the embedded PostgreSQL for sites as database host {} (sites reach it at {}:{})", id,
					sitesHost, server.port());
			return id;
		}
		DatabaseHost host = existing.get();
		DatabaseHost updated = new DatabaseHost(host.id(), host.name(), DatabaseEngine.POSTGRESQL, wanted.adminHost(),
				wanted.adminPort(), wanted.adminUsername(), wanted.adminPassword(), wanted.sitesHost(),
				wanted.sitesPort(), true, host.enabled());
		if (!updated.equals(host)) {
			hosts.update(updated);
			log.info("updated the embedded PostgreSQL for sites (database host {}): sites reach it at {}:{}", host.id(),
					sitesHost, server.port());
		}
		return host.id();
	}

}
