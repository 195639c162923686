package edu.tjhsst.director.orchestrator.disk;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one of the host's programs (btrfs, mount, chown) with arguments the orchestrator made itself, never through a
 * shell, and answers what it printed; a program that fails or outlasts its time is an IOException that says so.
 */
public final class HostProgram {

	/**
	 * How much a program may print: btrfs's table of quota groups takes about 75 bytes a site (750 kB at 10,000).
	 * Printing more is a failure, never a cut: a table cut short would be read as a table of fewer sites.
	 */
	private static final int MAX_OUTPUT = 64 << 20;

	private HostProgram() {
	}

	/**
	 * Runs the program and waits for it.
	 * @return what it printed on its standard output and error, together
	 * @throws IOException when it cannot start, exits with another status than 0, or runs longer than the timeout
	 */
	public static String run(Duration timeout, String... command) throws IOException {
		Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		// The output is read aside, so that a program that hangs without printing is still stopped at its time.
		CompletableFuture<String> output = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (InputStream out = process.getInputStream()) {
				byte[] printed = out.readNBytes(MAX_OUTPUT);
				boolean more = out.transferTo(OutputStream.nullOutputStream()) > 0;
				output.complete(more ? null : new String(printed, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				output.completeExceptionally(ex);
			}
		}, "host-program-" + command[0]);
		reader.setDaemon(true);
		reader.start();
		String text;
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(command[0] + " did not finish within " + timeout.toSeconds() + " s");
			}
			text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running " + command[0], ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("cannot read what " + command[0] + " printed", ex);
		}
		if (text == null) {
			throw new IOException(command[0] + " printed more than " + (MAX_OUTPUT >> 20) + " MiB");
		}
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
					+ abbreviate(text.strip()));
		}
		return text;
	}

	private static String abbreviate(String text) {
		return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
	}

}
