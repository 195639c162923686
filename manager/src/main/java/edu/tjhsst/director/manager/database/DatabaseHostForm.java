package edu.tjhsst.director.manager.database;

import java.util.regex.Pattern;

import org.springframework.validation.Errors;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * What an administrator fills in to add or change a database server; every field passes a whitelist before it is
 * stored or used to connect.
 * @param id the host being edited, blank for a new one (sent back by "test connection")
 * @param adminPassword blank on an existing host keeps its stored password
 * @param adminPort blank means the engine's default port, as does sitesPort
 */
record DatabaseHostForm(String id, String name, String engine, String adminHost, String adminPort,
		String adminUsername, String adminPassword, String sitesHost, String sitesPort, Boolean enabled) {

	private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9 ._-]{1,64}$");

	private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.@-]{1,64}$");

	private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

	private static final Pattern ID = Pattern.compile("^[0-9]{1,18}$");

	static final int MAX_PASSWORD = 200;

	/** A new host: PostgreSQL, enabled, reached by sites at the address the embedded one uses. */
	static DatabaseHostForm empty(String sitesHost) {
		return new DatabaseHostForm("", "", DatabaseEngine.POSTGRESQL.name(), "", "", "", "", sitesHost, "", true);
	}

	/** An existing host, with its password left blank (blank keeps it). */
	static DatabaseHostForm of(DatabaseHost host) {
		return new DatabaseHostForm(Long.toString(host.id()), host.name(), host.engine().name(), host.adminHost(),
				Integer.toString(host.adminPort()), host.adminUsername(), "", host.sitesHost(),
				Integer.toString(host.sitesPort()), host.enabled());
	}

	/** The host being edited, or null for a new one (or a value that is not an id). */
	Long hostId() {
		String text = strip(id);
		return ID.matcher(text).matches() ? Long.valueOf(text) : null;
	}

	/** Whether the box was ticked; an unticked box sends nothing. */
	boolean isEnabled() {
		return Boolean.TRUE.equals(enabled);
	}

	/** Rejects every bad field, with a sentence next to it. */
	void validate(Errors errors) {
		if (!NAME.matcher(strip(name)).matches()) {
			errors.rejectValue("name", "invalid",
					"A name has 1 to 64 letters, digits, spaces, dots, underscores and hyphens.");
		}
		DatabaseEngine chosen = engineOrNull();
		if (chosen == null) {
			errors.rejectValue("engine", "invalid", "Choose PostgreSQL or MySQL / MariaDB.");
		}
		if (!isHost(adminHost)) {
			errors.rejectValue("adminHost", "invalid", "Enter a host name or an IPv4 address, such as 127.0.0.1.");
		}
		if (port(adminPort, chosen) == 0) {
			errors.rejectValue("adminPort", "invalid", "Enter a port from 1 to 65535, or leave it blank for the default.");
		}
		if (!USERNAME.matcher(strip(adminUsername)).matches()) {
			errors.rejectValue("adminUsername", "invalid",
					"A user name has 1 to 64 letters, digits and the characters _ . @ -.");
		}
		String password = adminPassword == null ? "" : adminPassword;
		if (password.length() > MAX_PASSWORD || password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			errors.rejectValue("adminPassword", "invalid",
					"A password has at most " + MAX_PASSWORD + " characters and no control characters.");
		}
		if (!isHost(sitesHost)) {
			errors.rejectValue("sitesHost", "invalid",
					"Enter the host name or IPv4 address sites' containers reach the server at.");
		}
		if (port(sitesPort, chosen) == 0) {
			errors.rejectValue("sitesPort", "invalid", "Enter a port from 1 to 65535, or leave it blank for the default.");
		}
	}

	/**
	 * The host this (valid) form describes.
	 * @param storedPassword the host's stored admin password, used when the field is blank, or null for a new host
	 */
	DatabaseHost toHost(long hostId, boolean embedded, String storedPassword) {
		DatabaseEngine chosen = engineOrNull();
		String password = adminPassword == null ? "" : adminPassword;
		if (password.isEmpty() && storedPassword != null) {
			password = storedPassword;
		}
		return new DatabaseHost(hostId, strip(name), chosen, strip(adminHost), port(adminPort, chosen),
				strip(adminUsername), password, strip(sitesHost), port(sitesPort, chosen), embedded, isEnabled());
	}

	DatabaseEngine engineOrNull() {
		for (DatabaseEngine candidate : DatabaseEngine.values()) {
			if (candidate.name().equals(engine)) {
				return candidate;
			}
		}
		return null;
	}

	String trimmedName() {
		return strip(name);
	}

	/** The port, the engine's default when blank, or 0 when it is not one. */
	private static int port(String text, DatabaseEngine engine) {
		String port = strip(text);
		if (port.isEmpty()) {
			return engine == null ? 0 : engine.defaultPort();
		}
		if (!PORT.matcher(port).matches()) {
			return 0;
		}
		int value = Integer.parseInt(port);
		return value >= 1 && value <= 65535 ? value : 0;
	}

	private static boolean isHost(String host) {
		String text = strip(host);
		return text.length() <= 253 && DatabaseAccess.isHost(text);
	}

	private static String strip(String text) {
		return text == null ? "" : text.strip();
	}

	/** Keeps the typed password out of logs. */
	@Override
	public String toString() {
		return "DatabaseHostForm[" + name + " " + engine + " " + adminUsername + "@" + adminHost + ":" + adminPort + "]";
	}

}
