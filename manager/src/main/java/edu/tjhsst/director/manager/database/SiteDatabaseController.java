package edu.tjhsst.director.manager.database;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteService;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.user.User;

/**
 * A site's database as its members see it: creating one on a server, its address with the password hidden until
 * asked for, a new password, deleting it, and the SQL console.
 */
@Controller
class SiteDatabaseController {

	private static final String VIEW_DATABASE = "sites/database";

	private static final String VIEW_CONSOLE = "sites/database-console";

	/** Longer text is refused before it reaches the server; the console is for statements, not dumps. */
	static final int MAX_SQL_LENGTH = 100_000;

	private final SiteAccess access;

	private final SiteDatabases service;

	private final DatabaseHostRepository hosts;

	private final SqlConsole console;

	private final CurrentUser currentUser;

	SiteDatabaseController(SiteAccess access, SiteDatabases service, DatabaseHostRepository hosts, SqlConsole console,
			CurrentUser currentUser) {
		this.access = access;
		this.service = service;
		this.hosts = hosts;
		this.console = console;
		this.currentUser = currentUser;
	}

	@GetMapping("/sites/{siteId}/database")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.require(siteId, currentUser.of(principal));
		return page(site, model, null);
	}

	@PostMapping("/sites/{siteId}/database")
	String create(@PathVariable long siteId, @RequestParam(name = "hostId", defaultValue = "") String hostId,
			Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		if (!hostId.matches("^[0-9]{1,18}$")) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(site, model, "Choose a database server for the new database.");
		}
		return change(site, model, response, redirect, () -> service.create(site, user, Long.parseLong(hostId)),
				"The database is being created; the site's process gets DATABASE_URL when it is ready.");
	}

	@PostMapping("/sites/{siteId}/database/regenerate")
	String regenerate(@PathVariable long siteId, Principal principal, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		return change(site, model, response, redirect, () -> service.regeneratePassword(site, user),
				"The database's password is being changed; the site's process restarts with the new one.");
	}

	@PostMapping("/sites/{siteId}/database/delete")
	String delete(@PathVariable long siteId, @RequestParam(name = "confirm", defaultValue = "") String confirm,
			Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		return change(site, model, response, redirect, () -> service.delete(site, user, confirm),
				"The database is being deleted; the site's process loses its variables first.");
	}

	/** The full address and password, for the page's Reveal and Copy buttons; never cached. */
	@PostMapping("/sites/{siteId}/database/reveal")
	ResponseEntity<Map<String, String>> reveal(@PathVariable long siteId, Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		SiteDatabase database = service.of(site).orElseThrow(() -> new NotFoundException("no database"));
		DatabaseAccess databaseAccess = database.access(service.hostOf(database));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
			.body(Map.of("url", databaseAccess.url(), "password", database.password()));
	}

	@GetMapping("/sites/{siteId}/database/console")
	String showConsole(@PathVariable long siteId, Principal principal, Model model) {
		Site site = access.require(siteId, currentUser.of(principal));
		consolePage(site, model, "");
		return VIEW_CONSOLE;
	}

	@PostMapping("/sites/{siteId}/database/console")
	String runConsole(@PathVariable long siteId, @RequestParam(name = "sql", defaultValue = "") String sql,
			Principal principal, Model model, HttpServletResponse response) {
		User user = currentUser.of(principal);
		Site site = access.require(siteId, user);
		SiteDatabase database = consolePage(site, model, sql);
		if (database == null) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return VIEW_CONSOLE;
		}
		// Running statements changes the site's data, which an administrator's disabling forbids its owners.
		SiteService.requireChangeable(site, user);
		if (sql.isBlank()) {
			model.addAttribute("sqlError", "Type one or more SQL statements to run.");
			return VIEW_CONSOLE;
		}
		if (sql.length() > MAX_SQL_LENGTH) {
			model.addAttribute("sqlError", "The console runs at most " + MAX_SQL_LENGTH + " characters at a time.");
			return VIEW_CONSOLE;
		}
		try {
			SqlConsole.ConsoleResult result = console.run(service.hostOf(database), database, sql);
			model.addAttribute("result", result);
			model.addAttribute("sqlError", result.error());
		}
		catch (DatabaseException ex) {
			model.addAttribute("sqlError", ex.getMessage());
		}
		return VIEW_CONSOLE;
	}

	/** Fills in the console page; returns the database when it is ready to run statements, else null. */
	private SiteDatabase consolePage(Site site, Model model, String sql) {
		SiteDatabase database = service.of(site).orElse(null);
		boolean ready = database != null && database.status() == SiteDatabase.Status.READY;
		model.addAttribute("site", site);
		model.addAttribute("sql", sql);
		model.addAttribute("ready", ready);
		if (database != null) {
			model.addAttribute("database", DatabaseView.of(database, service.hostOf(database)));
		}
		return ready ? database : null;
	}

	/**
	 * Starts a change; on success to the site's page, where its operation shows, else this page with why not. A busy
	 * or disabled site is {@link edu.tjhsst.director.manager.system.PortalErrors}'s.
	 */
	private String change(Site site, Model model, HttpServletResponse response, RedirectAttributes redirect,
			Runnable change, String notice) {
		try {
			change.run();
		}
		catch (DatabaseRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(site, model, ex.getMessage());
		}
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/sites/" + site.id();
	}

	private String page(Site site, Model model, String error) {
		model.addAttribute("site", site);
		model.addAttribute("databaseError", error);
		SiteDatabase database = service.of(site).orElse(null);
		if (database != null) {
			model.addAttribute("database", DatabaseView.of(database, service.hostOf(database)));
		}
		else {
			model.addAttribute("hosts", hosts.findEnabled().stream()
				.map(host -> new HostChoice(host.id(), host.name() + " (" + host.engine().label() + ")"))
				.toList());
		}
		return VIEW_DATABASE;
	}

	/** A server offered for a new database. */
	record HostChoice(long id, String label) {
	}

	/**
	 * What the page shows of a site's database: never its password (nor, of course, its server's).
	 * @param status "Creating", "Ready" or "Deleting"
	 * @param maskedUrl its address with the password as asterisks
	 */
	record DatabaseView(String status, String hostName, String type, String host, int port, String name,
			String username, String maskedUrl) {

		static DatabaseView of(SiteDatabase database, DatabaseHost host) {
			DatabaseAccess access = database.access(host);
			String status = switch (database.status()) {
				case CREATING -> "Creating";
				case READY -> "Ready";
				case DELETING -> "Deleting";
			};
			return new DatabaseView(status, host.name(), host.engine().label(), access.host(), access.port(),
					access.name(), access.username(), access.maskedUrl());
		}

		/** Rows of the parts table, in order. */
		public List<Map.Entry<String, String>> parts() {
			return List.of(Map.entry("Type", type), Map.entry("Host", host), Map.entry("Port", Integer.toString(port)),
					Map.entry("Database", name), Map.entry("Username", username));
		}

	}

}
