package edu.tjhsst.director.orchestrator.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.DockerImages;

/**
 * One build's output as it comes: written to its log file line by line without terminal escapes, its last lines kept
 * for the answer, and what failed it: the engine's error, and apt's own {@code E:} line, which says what to fix (an
 * unknown package) where the engine says only that a step failed.
 */
final class BuildLog implements DockerImages.BuildOutput, Closeable {

	private static final Logger log = LoggerFactory.getLogger(BuildLog.class);

	private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

	/**
	 * apt's error, at the start of a line or right after a progress line apt had not finished ("Reading state
	 * information..." on standard output) when its error came on standard error, which the engine may pass on first.
	 */
	private static final Pattern APT_ERROR = Pattern.compile("(?:^|\\.\\.\\.|\\.\\.\\. Done|%)(E: .*)");

	private final Writer file;

	private final int keep;

	private final Deque<String> tail = new ArrayDeque<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile String error;

	private volatile String aptError;

	/** A log written to the file, emptied first, that keeps its last {@code keep} lines. */
	BuildLog(Path path, int keep) throws IOException {
		this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		this.keep = keep;
	}

	@Override
	public synchronized void text(String text) {
		partial.append(text);
		int newline;
		while ((newline = partial.indexOf("\n")) >= 0) {
			// The engine colours a step's stderr with terminal escapes; the log is read in a browser.
			String line = ESCAPES.matcher(partial.substring(0, newline)).replaceAll("");
			partial.delete(0, newline + 1);
			for (String shown : line.split("\r")) {
				Matcher apt = APT_ERROR.matcher(shown);
				if (apt.find()) {
					aptError = apt.group(1);
				}
			}
			write(line.replace("\r", ""));
		}
	}

	@Override
	public void error(String message) {
		error = message.strip();
		text(message + "\n");
	}

	@Override
	public void broken(Throwable failure) {
		if (error == null) {
			error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
		}
		text("error: " + error + "\n");
	}

	/** Adds a line of Director's own, such as what is built. */
	void line(String text) {
		text(text + "\n");
	}

	/** The engine's error, if the build failed. */
	Optional<String> error() {
		return Optional.ofNullable(error);
	}

	/** The last error apt reported, such as {@code E: Unable to locate package foo}. */
	Optional<String> aptError() {
		return Optional.ofNullable(aptError);
	}

	/** The last lines, each ending in a newline. */
	synchronized String tail() {
		return String.join("\n", tail) + (tail.isEmpty() ? "" : "\n");
	}

	/** Ends the log file. */
	@Override
	public synchronized void close() {
		try {
			file.close();
		}
		catch (IOException ex) {
			log.warn("cannot close a build log: {}", ex.getMessage());
		}
	}

	private void write(String line) {
		tail.addLast(line);
		if (tail.size() > keep) {
			tail.removeFirst();
		}
		try {
			file.write(line);
			file.write('\n');
			file.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
