package edu.tjhsst.director.orchestrator.docker;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;

/**
 * One task of a Swarm service, as the engine reports it, in Director's terms.
 * @param createdAt when Swarm made it, or null when unknown
 * @param desiredState what Swarm wants it to be, or null when unknown
 * @param state what it is, or null when Swarm has not said
 * @param timestamp when it entered that state, or null when unknown
 * @param message what Swarm says of its state, or null
 * @param error why it failed, or null
 * @param exitCode how its container exited, or null while it has not
 * @param containerId its container's id, or null while it has none
 * @param nodeId the node Swarm gave it to, or null while it has none
 */
public record TaskInfo(Instant createdAt, State desiredState, State state, Instant timestamp, String message,
		String error, Long exitCode, String containerId, String nodeId) {

	/** The states of a Swarm task, in the order a task goes through them. */
	public enum State {

		NEW, ALLOCATED, PENDING, ASSIGNED, ACCEPTED, PREPARING, READY, STARTING, RUNNING, COMPLETE, SHUTDOWN, FAILED,
		REJECTED, REMOVE, ORPHANED;

		static State from(TaskState state) {
			return state == null ? null : valueOf(state.name());
		}

	}

	static TaskInfo from(Task task) {
		TaskStatus status = task.getStatus();
		if (status == null) {
			return new TaskInfo(parse(task.getCreatedAt()), State.from(task.getDesiredState()), null, null, null, null,
					null, null, task.getNodeId());
		}
		return new TaskInfo(parse(task.getCreatedAt()), State.from(task.getDesiredState()),
				State.from(status.getState()), parse(status.getTimestamp()), status.getMessage(), status.getErr(),
				status.getContainerStatus() == null ? null : status.getContainerStatus().getExitCodeLong(),
				status.getContainerStatus() == null ? null : status.getContainerStatus().getContainerID(), task.getNodeId());
	}

	private static Instant parse(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
