package edu.tjhsst.director.manager.database;

import java.util.function.LongPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.manager.operation.ActionStep;
import edu.tjhsst.director.manager.operation.StepFailedException;

/**
 * The steps that make, re-key and drop a site's database on its server. Each declares a state (the database exists
 * with this password; it is gone), so that a retried operation is safe.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseSteps {

	private final SiteDatabaseRepository databases;

	private final DatabaseHostRepository hosts;

	private final DatabaseAdmins admins;

	DatabaseSteps(SiteDatabaseRepository databases, DatabaseHostRepository hosts, DatabaseAdmins admins) {
		this.databases = databases;
		this.hosts = hosts;
		this.admins = admins;
	}

	/** Makes the database and its user with the stored password, then lets the site use it. */
	@Bean
	ActionStep createDatabase() {
		return ActionStep.of("create_database", "Create the site's database", siteId -> true, siteId -> {
			SiteDatabase database = database(siteId);
			DatabaseHost host = host(database);
			onServer(() -> admins.of(host).ensureDatabase(host, database.name(), database.username(),
					database.password()));
			databases.saveStatus(siteId, SiteDatabase.Status.READY);
			return "The database " + database.name() + " and its user are ready on " + host.name() + ".";
		});
	}

	/** Gives the database user the password stored when its owner asked for a new one. */
	@Bean
	ActionStep setDatabasePassword() {
		return ActionStep.of("set_database_password", "Set the database user's new password", siteId -> true, siteId -> {
			SiteDatabase database = database(siteId);
			DatabaseHost host = host(database);
			onServer(() -> admins.of(host).setPassword(host, database.username(), database.password()));
			return "The user " + database.username() + " has its new password on " + host.name() + ".";
		});
	}

	/** Drops the database and its user and forgets it; taken only by a site that has a database. */
	@Bean
	ActionStep dropDatabase() {
		LongPredicate hasDatabase = siteId -> databases.findBySite(siteId).isPresent();
		return ActionStep.of("drop_database", "Drop the site's database", hasDatabase, siteId -> {
			SiteDatabase database = databases.findBySite(siteId).orElse(null);
			if (database == null) {
				return "The site has no database.";
			}
			DatabaseHost host = host(database);
			onServer(() -> admins.of(host).dropDatabase(host, database.name(), database.username()));
			databases.delete(siteId);
			return "The database " + database.name() + " and its user are dropped from " + host.name() + ".";
		});
	}

	private SiteDatabase database(long siteId) {
		return databases.findBySite(siteId)
			.orElseThrow(() -> new StepFailedException("The site has no database any more."));
	}

	private DatabaseHost host(SiteDatabase database) {
		return hosts.findById(database.hostId())
			.orElseThrow(() -> new StepFailedException("The site's database server is no longer registered."));
	}

	/** Runs a call on the server, turning its refusal into the step's message (the server's own words). */
	private static void onServer(Runnable call) {
		try {
			call.run();
		}
		catch (DatabaseException ex) {
			throw new StepFailedException(ex.getMessage());
		}
	}

}
