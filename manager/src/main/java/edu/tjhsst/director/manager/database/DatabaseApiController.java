package edu.tjhsst.director.manager.database;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.site.Started;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/**
 * A site's database through the API, as on its "Database" page: the servers to choose from, the database's address
 * (its password only when asked for, by a token that may change the site), creating it, a new password, deleting it
 * and running SQL in it. Changes answer 202 with their operation; refusals are the page's sentences.
 */
@ApiController
class DatabaseApiController {

	/** A server a new database can be made on. */
	record Server(long id, String name, String type) {
	}

	/** A site's database, its password left out; {@code status} is CREATING, READY or DELETING. */
	record Database(String status, String server, String type, String host, int port, String name, String username,
			String url) {

		static Database of(SiteDatabase database, DatabaseHost host) {
			DatabaseAccess access = database.access(host);
			return new Database(database.status().name(), host.name(), host.engine().label(), access.host(),
					access.port(), access.name(), access.username(), access.maskedUrl());
		}

	}

	/** The address with its password, as a program connects. */
	record Secret(String url, String password) {
	}

	record NewDatabase(Long serverId) {
	}

	record Statements(String sql) {
	}

	private final SiteAccess access;

	private final SiteDatabases service;

	private final DatabaseHostRepository hosts;

	private final SqlConsole console;

	private final Operations operations;

	private final CurrentUser currentUser;

	DatabaseApiController(SiteAccess access, SiteDatabases service, DatabaseHostRepository hosts, SqlConsole console,
			Operations operations, CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.hosts = hosts;
		this.console = console;
		this.operations = operations;
		this.currentUser = currentUser;
	}

	/** The servers that take new databases, as the page offers them. */
	@GetMapping("/api/v1/database-servers")
	List<Server> servers() {
		return hosts.findEnabled().stream()
			.map(host -> new Server(host.id(), host.name(), host.engine().label()))
			.toList();
	}

	@GetMapping("/api/v1/sites/{siteId}/database")
	Database show(@PathVariable long siteId, Principal principal) {
		SiteDatabase database = existing(access.require(siteId, currentUser.of(principal)));
		return Database.of(database, service.hostOf(database));
	}

	/** The password, for a token that may change the site (a reading token sees the address only); never cached. */
	@PostMapping("/api/v1/sites/{siteId}/database/reveal")
	ResponseEntity<Secret> reveal(@PathVariable long siteId, Principal principal) {
		SiteDatabase database = existing(access.require(siteId, currentUser.of(principal)));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
			.body(new Secret(database.access(service.hostOf(database)).url(), database.password()));
	}

	@PostMapping("/api/v1/sites/{siteId}/database")
	ResponseEntity<Started> create(@PathVariable long siteId, @RequestBody NewDatabase request, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		if (request.serverId() == null) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "Choose a database server for the new "
					+ "database; nothing was created.", Map.of("serverId", "Give one of /api/v1/database-servers."));
		}
		return started(site, () -> service.create(site, user, request.serverId()));
	}

	@PostMapping("/api/v1/sites/{siteId}/database/password")
	ResponseEntity<Started> regenerate(@PathVariable long siteId, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		existing(site);
		return started(site, () -> service.regeneratePassword(site, user));
	}

	/** @param confirm the site's name, as the page asks it typed */
	@DeleteMapping("/api/v1/sites/{siteId}/database")
	ResponseEntity<Started> delete(@PathVariable long siteId, @RequestParam String confirm, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		existing(site);
		return started(site, () -> service.delete(site, user, confirm));
	}

	/**
	 * Runs statements as the console does; a statement the server refuses is the result's {@code error}. The API's
	 * 64 KiB body limit bounds them before the console's own limit does.
	 */
	@PostMapping("/api/v1/sites/{siteId}/database/sql")
	SqlConsole.ConsoleResult sql(@PathVariable long siteId, @RequestBody Statements request, Principal principal) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		SiteDatabase database = existing(site);
		if (database.status() != SiteDatabase.Status.READY) {
			throw new ApiRequestException(HttpStatus.CONFLICT, "The database is not ready; wait for its operation.");
		}
		// Running statements changes the site's data, which an administrator's disabling forbids its owners.
		SiteService.requireChangeable(site, user);
		String sql = request.sql() == null ? "" : request.sql();
		if (sql.isBlank() || sql.length() > SiteDatabaseController.MAX_SQL_LENGTH) {
			throw new ApiRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing was run.", Map.of("sql",
					"Give one or more statements, at most " + SiteDatabaseController.MAX_SQL_LENGTH + " characters."));
		}
		try {
			return console.run(service.hostOf(database), database, sql);
		}
		catch (DatabaseException ex) {
			throw new ApiRequestException(HttpStatus.BAD_GATEWAY, ex.getMessage());
		}
	}

	private ResponseEntity<Started> started(Site site, LongSupplier change) {
		long operation;
		try {
			operation = change.getAsLong();
		}
		catch (DatabaseRequestException ex) {
			throw new ApiRequestException(ex.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
					ex.getMessage());
		}
		return Started.answer(operations, site.id(), operation, HttpStatus.ACCEPTED);
	}

	private SiteDatabase existing(Site site) {
		return service.of(site)
			.orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND, "This site has no database."));
	}

}
