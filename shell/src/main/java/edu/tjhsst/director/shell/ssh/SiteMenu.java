package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import edu.tjhsst.director.common.shell.ShellSite;
import edu.tjhsst.director.common.site.SiteAvailability;

/**
 * The menu that asks which site a shell goes into when the login name does not say: it lists the user's sites and
 * reads a number or a name, with the little line editing a terminal needs (the SSH client sends raw keys on a pty).
 */
final class SiteMenu {

	private static final int CTRL_C = 3;

	private static final int CTRL_D = 4;

	private static final int LONGEST_ANSWER = 64;

	private final InputStream in;

	private final OutputStream out;

	private final boolean tty;

	SiteMenu(InputStream in, OutputStream out, boolean tty) {
		this.in = in;
		this.out = out;
		this.tty = tty;
	}

	/** The chosen site's name; empty when the user left (Ctrl-C, Ctrl-D, end of input) or the session ended. */
	Optional<String> choose(List<ShellSite> sites, BooleanSupplier ended) throws IOException {
		StringBuilder menu = new StringBuilder("Your sites:").append(newline(tty));
		for (int i = 0; i < sites.size(); i++) {
			ShellSite site = sites.get(i);
			menu.append(i + 1).append(") ").append(site.name()).append(" (")
				.append(site.type() == null ? "site" : site.type().name().toLowerCase(Locale.ROOT))
				.append(site.availability() == SiteAvailability.DISABLED ? ", disabled" : "").append(')')
				.append(newline(tty));
		}
		write(menu.toString());
		while (!ended.getAsBoolean()) {
			write("Choose a site (number or name): ");
			String answer = readLine();
			if (answer == null) {
				return Optional.empty();
			}
			String choice = answer.strip();
			if (choice.isEmpty()) {
				continue;
			}
			for (int i = 0; i < sites.size(); i++) {
				if (choice.equals(Integer.toString(i + 1)) || choice.equals(sites.get(i).name())) {
					return Optional.of(sites.get(i).name());
				}
			}
			write("There is no site \"" + choice + "\" in the list." + newline(tty));
		}
		return Optional.empty();
	}

	/** A line typed at the menu, echoed on a terminal; null for Ctrl-C, Ctrl-D on an empty line or the end. */
	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		while (true) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			if (b == CTRL_C) {
				echo("^C" + newline(tty));
				return null;
			}
			if (b == CTRL_D) {
				if (line.isEmpty()) {
					echo(newline(tty));
					return null;
				}
			}
			else if (b == '\r' || b == '\n') {
				echo(newline(tty));
				return line.toString();
			}
			else if (b == 127 || b == 8) {
				if (!line.isEmpty()) {
					line.setLength(line.length() - 1);
					echo("\b \b");
				}
			}
			else if (b >= 32 && b < 127 && line.length() < LONGEST_ANSWER) {
				line.append((char) b);
				echo(Character.toString(b));
			}
		}
	}

	private void echo(String text) throws IOException {
		// Without a terminal the client does its own echo (or none, when input is piped).
		if (tty) {
			write(text);
		}
	}

	private void write(String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** A terminal in raw mode needs the carriage return too. */
	static String newline(boolean tty) {
		return tty ? "\r\n" : "\n";
	}

}
