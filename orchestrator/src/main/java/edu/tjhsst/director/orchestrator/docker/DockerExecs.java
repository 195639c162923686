package edu.tjhsst.director.orchestrator.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/**
 * Processes started in running containers: an interactive one whose streams the caller relays (a terminal), and a
 * short command whose output and exit code are awaited. The interactive ones are audited, and a short one that changes
 * something ({@link #runChanging}); the other short commands read (an {@code nginx -t}, a look at {@code /proc}).
 */
@Component
public class DockerExecs {

	private final DockerClient docker;

	private final DockerAudit audit;

	private final String host;

	DockerExecs(DockerClients clients, DockerAudit audit) {
		this.docker = clients.shared();
		this.audit = audit;
		this.host = clients.host();
	}

	/** What a finished command printed (standard output and error together) and how it exited (-1: unknown). */
	public record Result(long exitCode, String output) {
	}

	/**
	 * What the engine knows of an exec.
	 * @param running whether its process runs
	 * @param pid its process's id on the host, or null
	 * @param exitCode how it exited, or null while it runs
	 */
	public record State(boolean running, Long pid, Long exitCode) {
	}

	/** Creates (does not start) an interactive exec with its standard input, output and error attached. */
	public String create(String container, List<String> command, String user, String dir, List<String> env,
			boolean tty) {
		return docker.execCreateCmd(container)
			.withAttachStdin(true)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.withTty(tty)
			.withUser(user)
			.withWorkingDir(dir)
			.withEnv(env)
			.withCmd(command.toArray(String[]::new))
			.exec()
			.getId();
	}

	/**
	 * Starts a created exec and attaches to its streams, over a connection of its own (see {@link ExecConnection}).
	 * @throws IOException when the engine cannot be reached or refuses to start it
	 */
	public ExecConnection start(String container, String execId, boolean tty) throws IOException {
		return audit.call(Change.START, "exec", execId, "in " + container,
				() -> ExecConnection.start(host, DockerClients.API_VERSION, execId, tty));
	}

	public void resize(String execId, int cols, int rows) {
		docker.resizeExecCmd(execId).withSize(rows, cols).exec();
	}

	/** What the engine knows of the exec, or empty when it knows none of that id (its container is gone). */
	public Optional<State> inspect(String execId) {
		try {
			InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
			return Optional.of(new State(Boolean.TRUE.equals(exec.isRunning()), exec.getPidLong(),
					exec.getExitCodeLong()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Runs a command in a container and waits for it to end.
	 * @throws TimeoutException when it took longer than the timeout (its output is no longer read)
	 * @throws IOException when its output could not be read to the end
	 */
	/**
	 * {@link #run} for a command that changes something in the container (signals its first process, say), written
	 * to the audit log as a signal to the container.
	 * @param what what the command does, for the audit line
	 */
	public Result runChanging(String container, Duration timeout, String what, String... command)
			throws InterruptedException, TimeoutException, IOException {
		try {
			return audit.call(Change.SIGNAL, "container", container, what, () -> run(container, timeout, command));
		}
		catch (InterruptedException | TimeoutException | IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Result run(String container, Duration timeout, String... command)
			throws InterruptedException, TimeoutException, IOException {
		String execId = docker.execCreateCmd(container)
			.withCmd(command)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.exec()
			.getId();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
			@Override
			public void onNext(Frame frame) {
				synchronized (output) {
					output.writeBytes(frame.getPayload());
				}
			}
		});
		if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			callback.close();
			throw new TimeoutException("the command took longer than " + timeout.toSeconds() + " s");
		}
		Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
		synchronized (output) {
			return new Result(exitCode == null ? -1 : exitCode, output.toString(StandardCharsets.UTF_8));
		}
	}

}
