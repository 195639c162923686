package edu.tjhsst.director.common.nginx;

import java.util.stream.Collectors;

/** Trims what {@code nginx -t} prints down to the lines that explain a failure. */
public final class NginxMessages {

	private NginxMessages() {
	}

	/** The emergency and error lines of nginx's output without their prefixes, or the whole output. */
	public static String clean(String output) {
		String lines = output.lines()
			.filter(line -> line.contains("[emerg]") || line.contains("[error]") || line.contains("[crit]"))
			.map(line -> line.replaceFirst("^.*?\\[(emerg|error|crit)\\] (\\d+#\\d+: )?", ""))
			.collect(Collectors.joining("; "));
		return lines.isEmpty() ? output.strip() : lines;
	}

}
