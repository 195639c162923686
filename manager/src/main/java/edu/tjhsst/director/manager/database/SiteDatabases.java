package edu.tjhsst.director.manager.database;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteDisabledException;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.user.User;

/**
 * Creates a site's database, gives it a new password and deletes it, each by storing the change and starting its
 * operation in one transaction: when the operation cannot start (another is open), nothing is stored.
 */
@Service
public class SiteDatabases {

	private final SiteDatabaseRepository databases;

	private final DatabaseHostRepository hosts;

	private final DatabaseNames names;

	private final Operations operations;

	SiteDatabases(SiteDatabaseRepository databases, DatabaseHostRepository hosts, DatabaseNames names,
			Operations operations) {
		this.databases = databases;
		this.hosts = hosts;
		this.names = names;
		this.operations = operations;
	}

	/** The site's database, if it has one. */
	public Optional<SiteDatabase> of(Site site) {
		return databases.findBySite(site.id());
	}

	/** The server the database is on; it cannot be deleted while it holds one. */
	public DatabaseHost hostOf(SiteDatabase database) {
		return hosts.findById(database.hostId())
			.orElseThrow(() -> new IllegalStateException("site database on missing host " + database.hostId()));
	}

	/** How the site reaches its database, when it has one that is ready. */
	public Optional<DatabaseAccess> readyAccess(Site site) {
		return databases.findBySite(site.id())
			.filter(database -> database.status() == SiteDatabase.Status.READY)
			.flatMap(database -> hosts.findById(database.hostId()).map(database::access));
	}

	/**
	 * Records the site's new database on the host, named after the site, with a new password, and starts making it.
	 * @throws DatabaseRequestException when the host does not exist or is disabled, or the site has a database
	 * @throws SiteDisabledException when an administrator disabled the site and the user is not one
	 * @return the operation's id
	 * @throws SiteLockedException when another operation is open
	 */
	@Transactional
	long create(Site site, User user, long hostId) {
		SiteService.requireChangeable(site, user);
		DatabaseHost host = hosts.findById(hostId)
			.orElseThrow(() -> DatabaseRequestException.invalid(
					"That database server does not exist; choose one of the list."));
		if (!host.enabled()) {
			throw DatabaseRequestException.invalid("The database server " + host.name()
					+ " no longer takes new databases; choose another.");
		}
		if (databases.findBySite(site.id()).isPresent()) {
			throw DatabaseRequestException.conflict("This site already has a database; a site has at most one.");
		}
		String name = names.forSite(site.id());
		try {
			databases.create(site.id(), host.id(), name, name, names.newPassword());
		}
		catch (DuplicateKeyException ex) {
			// Another request created it between the check and the insert.
			throw DatabaseRequestException.conflict("This site already has a database; a site has at most one.");
		}
		return operations.start(site.id(), OperationKind.CREATE_DATABASE, user.id());
	}

	/**
	 * Stores a new password for the site's database user and starts setting it on the server and in the site.
	 * @throws DatabaseRequestException when the site has no database that is ready
	 * @throws SiteDisabledException when an administrator disabled the site and the user is not one
	 * @return the operation's id
	 * @throws SiteLockedException when another operation is open
	 */
	@Transactional
	long regeneratePassword(Site site, User user) {
		SiteService.requireChangeable(site, user);
		SiteDatabase database = existing(site);
		if (database.status() != SiteDatabase.Status.READY) {
			throw DatabaseRequestException.conflict("The database is not ready, so its password cannot be changed now.");
		}
		databases.savePassword(site.id(), names.newPassword());
		return operations.start(site.id(), OperationKind.REGENERATE_DATABASE_PASSWORD, user.id());
	}

	/**
	 * Marks the site's database as being deleted (so the site loses its variables first) and starts dropping it.
	 * @param confirm what the owner typed: it must be the site's name, exactly
	 * @throws DatabaseRequestException when the confirmation is wrong or the site has no database
	 * @throws SiteDisabledException when an administrator disabled the site and the user is not one
	 * @return the operation's id
	 * @throws SiteLockedException when another operation is open
	 */
	@Transactional
	long delete(Site site, User user, String confirm) {
		SiteService.requireChangeable(site, user);
		existing(site);
		if (!site.name().equals(confirm)) {
			throw DatabaseRequestException.invalid("Type the site's name, " + site.name()
					+ ", to confirm deleting its database. Nothing was deleted.");
		}
		databases.saveStatus(site.id(), SiteDatabase.Status.DELETING);
		return operations.start(site.id(), OperationKind.DELETE_DATABASE, user.id());
	}

	private SiteDatabase existing(Site site) {
		return databases.findBySite(site.id())
			.orElseThrow(() -> DatabaseRequestException.conflict("This site has no database."));
	}

}
