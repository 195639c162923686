package edu.tjhsst.director.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import edu.tjhsst.director.common.testing.Await;

/** OpenSSH's own clients ({@code ssh}, {@code sftp}, {@code scp}, with {@code sshpass}) against the platform's shell. */
final class Ssh {

	/** Options that keep the tests from asking about or remembering host keys. */
	private static final List<String> QUIET = List.of("-o", "StrictHostKeyChecking=no", "-o",
			"UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10");

	/** A session's first prompt or menu, which comes once the site's terminal container has started. */
	static final Duration PROMPT = Duration.ofSeconds(30);

	/** What a command typed into a session prints, and the session's end after {@code exit}. */
	static final Duration ECHO = Duration.ofSeconds(10);

	private final int port;

	Ssh(int port) {
		this.port = port;
	}

	/** {@code ssh login@127.0.0.1 command} with a password. */
	Result withPassword(String password, String login, String command) throws Exception {
		List<String> line = new ArrayList<>(List.of("sshpass", "-p", password, "ssh", "-p", Integer.toString(port),
				"-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password"));
		line.addAll(QUIET);
		line.add(login + "@127.0.0.1");
		line.add(command);
		return run(line, null);
	}

	/** {@code ssh login@127.0.0.1 command} with a key, from the given local address. */
	Result withKey(Path key, String bind, String login, String command) throws Exception {
		List<String> line = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port), "-i", key.toString(), "-o",
				"IdentitiesOnly=yes", "-o", "PasswordAuthentication=no", "-b", bind));
		line.addAll(QUIET);
		line.add(login + "@127.0.0.1");
		line.add(command);
		return run(line, null);
	}

	/** {@code sftp -b batch} with a key. */
	Result sftp(Path key, String login, String batch) throws Exception {
		List<String> line = new ArrayList<>(List.of("sftp", "-P", Integer.toString(port), "-i", key.toString(), "-o",
				"IdentitiesOnly=yes", "-o", "PasswordAuthentication=no", "-b", "-"));
		line.addAll(QUIET);
		line.add(login + "@127.0.0.1");
		return run(line, batch);
	}

	/**
	 * {@code sftp} with a password, its commands read from its input: {@code -b} would forbid the password prompt
	 * that {@code sshpass} answers.
	 */
	Result sftpWithPassword(String password, String login, String commands) throws Exception {
		List<String> line = new ArrayList<>(List.of("sshpass", "-p", password, "sftp", "-P", Integer.toString(port),
				"-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password"));
		line.addAll(QUIET);
		line.add(login + "@127.0.0.1");
		return run(line, commands);
	}

	/** {@code scp} of a local file to a path in the site, with a key. */
	Result scp(Path key, Path file, String target) throws Exception {
		List<String> line = new ArrayList<>(List.of("scp", "-P", Integer.toString(port), "-i", key.toString(), "-o",
				"IdentitiesOnly=yes", "-o", "PasswordAuthentication=no"));
		line.addAll(QUIET);
		line.add(file.toString());
		line.add(target);
		return run(line, null);
	}

	/** An interactive session on a terminal ({@code ssh -tt}) with a key, driven through its input. */
	Session interactive(Path key, String login) throws IOException {
		List<String> line = new ArrayList<>(List.of("ssh", "-tt", "-p", Integer.toString(port), "-i", key.toString(),
				"-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no"));
		line.addAll(QUIET);
		line.add(login + "@127.0.0.1");
		return new Session(new ProcessBuilder(line).redirectErrorStream(true).start());
	}

	private static Result run(List<String> line, String input) throws Exception {
		Process process = new ProcessBuilder(line).start();
		try (OutputStream in = process.getOutputStream()) {
			if (input != null) {
				in.write(input.getBytes(StandardCharsets.UTF_8));
			}
		}
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Thread errors = new Thread(() -> {
			try {
				process.getErrorStream().transferTo(err);
			}
			catch (IOException ex) {
				// the process is gone
			}
		});
		errors.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", line) + " did not end within 60 s");
		}
		errors.join();
		return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
	}

	/** What a client printed and how it ended. */
	record Result(int exitCode, String out, String err) {
	}

	/** A running {@code ssh -tt}: type into it and wait for what it shows. */
	static final class Session implements AutoCloseable {

		private final Process process;

		private final StringBuffer seen = new StringBuffer();

		Session(Process process) {
			this.process = process;
			Thread reader = new Thread(() -> {
				byte[] buffer = new byte[8192];
				try (InputStream out = process.getInputStream()) {
					int read;
					while ((read = out.read(buffer)) != -1) {
						seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
					}
				}
				catch (IOException ex) {
					// the session ended
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		void type(String text) throws IOException {
			process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
			process.getOutputStream().flush();
		}

		/**
		 * Everything shown so far, once it contains the text; fails after the timeout with what was shown. The reader
		 * thread fills {@code seen} as the session prints, so this is a wait on that thread.
		 */
		String await(String text, Duration timeout) {
			return Await.value("the session to show \"" + text + "\"", timeout, seen::toString,
					shown -> shown.contains(text));
		}

		/** The exit status, once the session ends within the timeout. */
		int exitCode(Duration timeout) throws InterruptedException {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("the session did not end; it showed:\n" + seen);
			}
			return process.exitValue();
		}

		@Override
		public void close() {
			process.destroyForcibly();
		}

	}

}
