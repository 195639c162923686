package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;
import edu.tjhsst.director.orchestrator.docker.ExecConnection;

/**
 * A terminal session's exec: what it runs and as whom, creating and attaching to it, resizing its terminal, reading
 * its exit code and killing what it started. Failures to resize or kill are logged and dropped:
 * the session ends either way.
 */
final class TerminalExecs {

	static final String SFTP_SERVER = "/usr/lib/openssh/sftp-server";

	private static final Logger log = LoggerFactory.getLogger(TerminalExecs.class);

	private final DockerExecs docker;

	TerminalExecs(DockerExecs docker) {
		this.docker = docker;
	}

	/** The program an exec runs for a grant. */
	static List<String> command(TerminalGrant grant) {
		return switch (grant.mode()) {
			case SHELL -> List.of("/bin/sh", "-c", "if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec sh -l");
			case EXEC -> List.of("/bin/sh", "-c", grant.command());
			case SFTP -> List.of(SFTP_SERVER, "-d", TerminalSession.SITE_DIR);
		};
	}

	/** Creates (does not start) the exec of a grant in a site's terminal container, as the site's user. */
	String create(String container, TerminalGrant grant, List<String> environment) {
		int uid = SiteUsers.uid(grant.siteId());
		// Under the guard, so that a shell cannot make a subvolume to write past the site's disk limit.
		return docker.create(container, SubvolumeGuard.exec(command(grant)), uid + ":" + uid, TerminalSession.SITE_DIR,
				SubvolumeGuard.environment(environment), grant.tty());
	}

	/** Starts a created exec and attaches to its streams. */
	ExecConnection attach(String container, String execId, boolean tty) throws IOException {
		return docker.start(container, execId, tty);
	}

	void resize(String execId, int cols, int rows) {
		try {
			docker.resize(execId, cols, rows);
		}
		catch (RuntimeException ex) {
			log.debug("cannot resize a terminal: {}", ex.getMessage());
		}
	}

	/** Kills the exec's process and everything it started, if it still runs. */
	void kill(String execId) {
		try {
			// An exec the engine no longer knows went with its container, and its processes with it.
			docker.inspect(execId).filter(DockerExecs.State::running).map(DockerExecs.State::pid)
				.filter(pid -> pid > 0).ifPresent(ProcessTrees::kill);
		}
		catch (RuntimeException ex) {
			// The container is gone, and its processes with it.
			log.debug("cannot inspect a terminal exec: {}", ex.getMessage());
		}
	}

	/** The exec's exit code once the engine has it, or null when it is lost. */
	Long exitCode(String execId) {
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				Optional<DockerExecs.State> exec = docker.inspect(execId);
				if (exec.isEmpty()) {
					return null;
				}
				if (!exec.get().running()) {
					return exec.get().exitCode();
				}
			}
			catch (RuntimeException ex) {
				log.debug("cannot inspect a terminal exec: {}", ex.getMessage());
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

}
