package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;

/**
 * The Docker engine's side of a terminal session's exec: what it runs, creating and attaching to it, resizing its
 * terminal, reading its exit code and killing what it started. Failures to resize or kill are logged and dropped:
 * the session ends either way.
 */
final class TerminalExecs {

	static final String SFTP_SERVER = "/usr/lib/openssh/sftp-server";

	/** The Docker Engine API version this orchestrator speaks. */
	static final String API_VERSION = "1.41";

	private static final Logger log = LoggerFactory.getLogger(TerminalExecs.class);

	private final DockerClient docker;

	private final String dockerHost;

	TerminalExecs(DockerClient docker, String dockerHost) {
		this.docker = docker;
		this.dockerHost = dockerHost;
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
		return docker.execCreateCmd(container)
			.withAttachStdin(true)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.withTty(grant.tty())
			.withUser(uid + ":" + uid)
			.withWorkingDir(TerminalSession.SITE_DIR)
			.withEnv(SubvolumeGuard.environment(environment))
			// Under the guard, so that a shell cannot make a subvolume to write past the site's disk limit.
			.withCmd(SubvolumeGuard.exec(command(grant)).toArray(String[]::new))
			.exec()
			.getId();
	}

	/** Starts a created exec and attaches to its streams. */
	ExecConnection attach(String execId, boolean tty) throws IOException {
		return ExecConnection.start(dockerHost, API_VERSION, execId, tty);
	}

	void resize(String execId, int cols, int rows) {
		try {
			docker.resizeExecCmd(execId).withSize(rows, cols).exec();
		}
		catch (RuntimeException ex) {
			log.debug("cannot resize a terminal: {}", ex.getMessage());
		}
	}

	/** Kills the exec's process and everything it started, if it still runs. */
	void kill(String execId) {
		try {
			InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
			Long pid = exec.getPidLong();
			if (Boolean.TRUE.equals(exec.isRunning()) && pid != null && pid > 0) {
				ProcessTrees.kill(pid);
			}
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
				InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
				if (!Boolean.TRUE.equals(exec.isRunning())) {
					return exec.getExitCodeLong();
				}
			}
			catch (NotFoundException ex) {
				return null;
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
