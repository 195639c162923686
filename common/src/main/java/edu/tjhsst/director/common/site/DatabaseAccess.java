package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a site's process reaches its database; the orchestrator puts it into the process's environment as
 * {@code DATABASE_URL} and {@code DIRECTOR_DATABASE_*}.
 * @param engine which kind of server
 * @param host the server's address as the site's containers reach it
 * @param port its port
 * @param name the database's name
 * @param username the site's own user (role) on the server
 * @param password that user's password
 */
public record DatabaseAccess(DatabaseEngine engine, String host, int port, String name, String username,
		String password) {

	/** Database and user names Director makes: lowercase, digits and underscores, starting with a letter. */
	public static final Pattern IDENTIFIER = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

	/** Passwords Director generates: letters and digits only, so that they need no quoting in a URL or shell. */
	public static final Pattern PASSWORD = Pattern.compile("^[A-Za-z0-9]{16,64}$");

	private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

	/** Everything wrong with it, empty when it may be given to a site. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (engine == null) {
			problems.add("database.engine is required");
		}
		if (!isHost(host)) {
			problems.add("database.host must be a host name or an IPv4 address");
		}
		if (port < 1 || port > 65535) {
			problems.add("database.port must be between 1 and 65535");
		}
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			problems.add("database.name must be lowercase letters, digits and _, starting with a letter");
		}
		if (username == null || !IDENTIFIER.matcher(username).matches()) {
			problems.add("database.username must be lowercase letters, digits and _, starting with a letter");
		}
		if (password == null || !PASSWORD.matcher(password).matches()) {
			problems.add("database.password must be 16 to 64 letters and digits");
		}
		return problems;
	}

	/** {@code postgres://user:password@host:port/name} or {@code mysql://...}. */
	public String url() {
		return engine.scheme() + "://" + username + ":" + password + "@" + host + ":" + port + "/" + name;
	}

	/** The URL with the password replaced, for showing before its owner asks to see it. */
	public String maskedUrl() {
		return engine.scheme() + "://" + username + ":" + "********" + "@" + host + ":" + port + "/" + name;
	}

	/** The variables a site's process gets, in a stable order. */
	public Map<String, String> env() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("DATABASE_URL", url());
		env.put("DIRECTOR_DATABASE_TYPE", engine.typeName());
		env.put("DIRECTOR_DATABASE_HOST", host);
		env.put("DIRECTOR_DATABASE_PORT", Integer.toString(port));
		env.put("DIRECTOR_DATABASE_NAME", name);
		env.put("DIRECTOR_DATABASE_USERNAME", username);
		env.put("DIRECTOR_DATABASE_PASSWORD", password);
		return env;
	}

	/** Keeps the password out of logs and error messages. */
	@Override
	public String toString() {
		return "DatabaseAccess[" + maskedUrl() + "]";
	}

	/** A host name, or an IPv4 address with each part at most 255. */
	public static boolean isHost(String host) {
		if (host == null) {
			return false;
		}
		var ip = IPV4.matcher(host);
		if (ip.matches()) {
			for (int i = 1; i <= 4; i++) {
				if (Integer.parseInt(ip.group(i)) > 255) {
					return false;
				}
			}
			return true;
		}
		return HostNames.isValid(host) || "localhost".equals(host);
	}

}
