package edu.tjhsst.director.manager.database;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.system.NotFoundException;

/**
 * Administrators list, add, change, test, disable and delete the database servers sites' databases are made on.
 * (Only administrators reach /admin/**.)
 */
@Controller
class DatabaseHostAdminController {

	private static final Logger log = LoggerFactory.getLogger(DatabaseHostAdminController.class);

	private static final String VIEW_LIST = "admin/database-hosts";

	private static final String VIEW_FORM = "admin/database-host-form";

	private static final String LIST = "redirect:/admin/database-hosts";

	private final DatabaseHostRepository hosts;

	private final DatabaseAdmins admins;

	private final String defaultSitesHost;

	DatabaseHostAdminController(DatabaseHostRepository hosts, DatabaseAdmins admins, DirectorProperties properties) {
		this.hosts = hosts;
		this.admins = admins;
		this.defaultSitesHost = properties.siteDatabases().sitesHost();
	}

	@GetMapping("/admin/database-hosts")
	String list(Model model) {
		model.addAttribute("hosts", hosts.findAll().stream().map(host -> HostRow.of(host, hosts.countDatabases(host.id())))
			.toList());
		return VIEW_LIST;
	}

	@GetMapping("/admin/database-hosts/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", DatabaseHostForm.empty(defaultSitesHost));
		return form(model, null);
	}

	@PostMapping("/admin/database-hosts")
	String processCreationForm(@ModelAttribute("form") DatabaseHostForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		form.validate(result);
		rejectTakenName(form, result, null);
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			hosts.create(form.toHost(0, false, null));
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "taken", "Another database server has that name.");
			return form(model, null);
		}
		redirect.addFlashAttribute("notice", "Added the database server " + form.trimmedName() + ".");
		return LIST;
	}

	@GetMapping("/admin/database-hosts/{id:\\d+}")
	String initEditForm(@PathVariable long id, Model model) {
		DatabaseHost host = existing(id);
		model.addAttribute("form", DatabaseHostForm.of(host));
		return form(model, host);
	}

	@PostMapping("/admin/database-hosts/{id:\\d+}")
	String processEditForm(@PathVariable long id, @ModelAttribute("form") DatabaseHostForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		DatabaseHost current = existing(id);
		form.validate(result);
		rejectTakenName(form, result, id);
		rejectEngineChange(form, result, current);
		rejectStoredPasswordElsewhere(form, result, current);
		if (result.hasErrors()) {
			return form(model, current);
		}
		try {
			hosts.update(form.toHost(id, current.embedded(), current.adminPassword()));
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "taken", "Another database server has that name.");
			return form(model, current);
		}
		redirect.addFlashAttribute("notice", "Saved the database server " + form.trimmedName() + ".");
		return LIST;
	}

	/** Connects with the values as entered (a blank password on an existing host: its stored one); stores nothing. */
	@PostMapping("/admin/database-hosts/test")
	String testConnection(@ModelAttribute("form") DatabaseHostForm form, BindingResult result, Model model) {
		Long id = form.hostId();
		DatabaseHost current = id == null ? null : existing(id);
		form.validate(result);
		if (current != null) {
			rejectStoredPasswordElsewhere(form, result, current);
		}
		if (result.hasErrors()) {
			return form(model, current);
		}
		DatabaseHost host = form.toHost(current == null ? 0 : current.id(), current != null && current.embedded(),
				current == null ? null : current.adminPassword());
		try {
			String version = admins.of(host).check(host);
			model.addAttribute("connectionOk", true);
			model.addAttribute("connectionResult", "Connected: " + version);
		}
		catch (DatabaseException ex) {
			model.addAttribute("connectionOk", false);
			model.addAttribute("connectionResult", ex.getMessage());
		}
		catch (IllegalStateException ex) {
			log.warn("cannot test {}: {}", host, ex.getMessage());
			model.addAttribute("connectionOk", false);
			model.addAttribute("connectionResult", "Director cannot connect to " + host.engine().label() + " servers.");
		}
		return form(model, current);
	}

	@PostMapping("/admin/database-hosts/{id:\\d+}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		DatabaseHost host = existing(id);
		if (host.embedded()) {
			redirect.addFlashAttribute("error", "The embedded PostgreSQL cannot be deleted; disable it to stop new"
					+ " databases being made on it.");
			return "redirect:/admin/database-hosts/" + id;
		}
		if (!hosts.deleteIfUnused(id)) {
			long count = hosts.countDatabases(id);
			redirect.addFlashAttribute("error", host.name() + " still has " + count + (count == 1 ? " site's database"
					: " sites' databases") + ", so it cannot be deleted; disable it to stop new ones being made.");
			return "redirect:/admin/database-hosts/" + id;
		}
		redirect.addFlashAttribute("notice", "Deleted the database server " + host.name() + ".");
		return LIST;
	}

	private void rejectTakenName(DatabaseHostForm form, BindingResult result, Long id) {
		if (!result.hasFieldErrors("name") && hosts.findAll().stream()
			.anyMatch(host -> host.name().equals(form.trimmedName()) && (id == null || host.id() != id))) {
			result.rejectValue("name", "taken", "Another database server has that name.");
		}
	}

	/**
	 * A blank password keeps the stored one only for the server it belongs to: sending it to another address would
	 * hand it to whoever answers there, so a new address needs the password typed again.
	 */
	private static void rejectStoredPasswordElsewhere(DatabaseHostForm form, BindingResult result,
			DatabaseHost current) {
		if (result.hasErrors() || (form.adminPassword() != null && !form.adminPassword().isEmpty())) {
			return;
		}
		DatabaseHost entered = form.toHost(current.id(), current.embedded(), current.adminPassword());
		if (entered.engine() != current.engine() || !entered.adminHost().equals(current.adminHost())
				|| entered.adminPort() != current.adminPort()) {
			result.rejectValue("adminPassword", "retype",
					"Type the admin password again: the server's address or engine changed.");
		}
	}

	/** Databases made on one engine cannot move to another; the embedded server is PostgreSQL. */
	private void rejectEngineChange(DatabaseHostForm form, BindingResult result, DatabaseHost current) {
		if (result.hasFieldErrors("engine") || form.engineOrNull() == current.engine()) {
			return;
		}
		if (current.embedded()) {
			result.rejectValue("engine", "embedded", "The embedded server is PostgreSQL.");
		}
		else if (hosts.countDatabases(current.id()) > 0) {
			result.rejectValue("engine", "inUse", "Sites' databases are on this server, so its engine cannot change.");
		}
	}

	private DatabaseHost existing(long id) {
		return hosts.findById(id).orElseThrow(() -> new NotFoundException("no database host " + id));
	}

	/** The form page; host is the one being edited, or null when one is being added. */
	private String form(Model model, DatabaseHost host) {
		model.addAttribute("creating", host == null);
		model.addAttribute("host", host == null ? null : HostRow.of(host, hosts.countDatabases(host.id())));
		model.addAttribute("engines", List.of(DatabaseEngine.values()));
		return VIEW_FORM;
	}

	/** A server as the pages show it: never its password. */
	record HostRow(long id, String name, String engine, String adminAddress, String sitesAddress, long databases,
			boolean enabled, boolean embedded) {

		static HostRow of(DatabaseHost host, long databases) {
			return new HostRow(host.id(), host.name(), host.engine().label(),
					host.adminUsername() + "@" + host.adminHost() + ":" + host.adminPort(),
					host.sitesHost() + ":" + host.sitesPort(), databases, host.enabled(), host.embedded());
		}

	}

}
