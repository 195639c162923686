package edu.tjhsst.director.orchestrator.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;

/**
 * Reads a process's status from its service's tasks: the newest task decides, except that a task that failed since
 * the service was last changed marks a process that is crash-looping as crashed, not as starting again.
 */
final class TaskHistory {

	private static final Set<TaskState> BEFORE_RUNNING = Set.of(TaskState.NEW, TaskState.ALLOCATED,
			TaskState.PENDING, TaskState.ASSIGNED, TaskState.ACCEPTED, TaskState.PREPARING, TaskState.READY,
			TaskState.STARTING);

	private static final Set<TaskState> FAILED = Set.of(TaskState.FAILED, TaskState.REJECTED, TaskState.ORPHANED);

	private TaskHistory() {
	}

	/**
	 * The status the tasks show.
	 * @param changedAt when the service's spec last changed (a restart included); older failures do not count
	 */
	static ProcessStatus status(Instant changedAt, List<Task> tasks) {
		List<Task> newestFirst = tasks.stream()
			.filter(task -> task.getStatus() != null && task.getStatus().getState() != null)
			.sorted(Comparator.comparing(TaskHistory::createdAt).reversed())
			.toList();
		if (newestFirst.isEmpty()) {
			return new ProcessStatus(ProcessState.STARTING, changedAt, null, "waiting for Swarm to schedule the process");
		}
		Task newest = newestFirst.get(0);
		TaskStatus status = newest.getStatus();
		if (status.getState() == TaskState.RUNNING) {
			return new ProcessStatus(ProcessState.RUNNING, timestamp(status), null, null);
		}
		Optional<Task> failure = newestFirst.stream()
			.filter(task -> FAILED.contains(task.getStatus().getState()))
			.filter(task -> !createdAt(task).isBefore(changedAt))
			.findFirst();
		if (failure.isPresent()) {
			TaskStatus failed = failure.get().getStatus();
			boolean retrying = newest.getDesiredState() == TaskState.RUNNING && BEFORE_RUNNING.contains(status.getState());
			return new ProcessStatus(ProcessState.CRASHED, timestamp(failed), exitCode(failed),
					describe(failed) + (retrying ? "; Swarm will try again shortly" : ""));
		}
		if (BEFORE_RUNNING.contains(status.getState()) && newest.getDesiredState() == TaskState.RUNNING) {
			return new ProcessStatus(ProcessState.STARTING, timestamp(status), null, status.getMessage());
		}
		return new ProcessStatus(ProcessState.STOPPED, timestamp(status), exitCode(status), describe(status));
	}

	private static String describe(TaskStatus status) {
		Long exitCode = exitCode(status);
		String error = status.getErr();
		if (error != null && !error.isBlank()) {
			return error;
		}
		if (exitCode != null) {
			return "the process exited with code " + exitCode;
		}
		return status.getMessage();
	}

	private static Long exitCode(TaskStatus status) {
		return status.getContainerStatus() == null ? null : status.getContainerStatus().getExitCodeLong();
	}

	private static Instant createdAt(Task task) {
		return parse(task.getCreatedAt());
	}

	private static Instant timestamp(TaskStatus status) {
		Instant instant = parse(status.getTimestamp());
		return instant.equals(Instant.EPOCH) ? null : instant;
	}

	private static Instant parse(String text) {
		if (text == null) {
			return Instant.EPOCH;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return Instant.EPOCH;
		}
	}

}
