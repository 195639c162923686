package edu.tjhsst.director.orchestrator.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import edu.tjhsst.director.orchestrator.docker.TaskInfo;
import edu.tjhsst.director.orchestrator.docker.TaskInfo.State;

/**
 * Reads a process's status from its service's tasks: the newest task decides, except that a task that failed since
 * the service was last changed marks a process that is crash-looping as crashed, not as starting again.
 */
final class TaskHistory {

	private static final Set<State> BEFORE_RUNNING = Set.of(State.NEW, State.ALLOCATED, State.PENDING, State.ASSIGNED,
			State.ACCEPTED, State.PREPARING, State.READY, State.STARTING);

	private static final Set<State> FAILED = Set.of(State.FAILED, State.REJECTED, State.ORPHANED);

	private TaskHistory() {
	}

	/**
	 * The status the tasks show.
	 * @param changedAt when the service's spec last changed (a restart included); older failures do not count
	 */
	static ProcessStatus status(Instant changedAt, List<TaskInfo> tasks) {
		List<TaskInfo> newestFirst = tasks.stream()
			.filter(task -> task.state() != null)
			.sorted(Comparator.comparing(TaskHistory::createdAt).reversed())
			.toList();
		if (newestFirst.isEmpty()) {
			return new ProcessStatus(ProcessState.STARTING, changedAt, null, "waiting for Swarm to schedule the process");
		}
		TaskInfo newest = newestFirst.get(0);
		if (newest.state() == State.RUNNING) {
			return new ProcessStatus(ProcessState.RUNNING, timestamp(newest), null, null);
		}
		Optional<TaskInfo> failure = newestFirst.stream()
			.filter(task -> FAILED.contains(task.state()))
			.filter(task -> !createdAt(task).isBefore(changedAt))
			.findFirst();
		if (failure.isPresent()) {
			TaskInfo failed = failure.get();
			boolean retrying = newest.desiredState() == State.RUNNING && BEFORE_RUNNING.contains(newest.state());
			return new ProcessStatus(ProcessState.CRASHED, timestamp(failed), failed.exitCode(),
					describe(failed) + (retrying ? "; Swarm will try again shortly" : ""));
		}
		if (BEFORE_RUNNING.contains(newest.state()) && newest.desiredState() == State.RUNNING) {
			return new ProcessStatus(ProcessState.STARTING, timestamp(newest), null, newest.message());
		}
		return new ProcessStatus(ProcessState.STOPPED, timestamp(newest), newest.exitCode(), describe(newest));
	}

	private static String describe(TaskInfo task) {
		String error = task.error();
		if (error != null && !error.isBlank()) {
			return error;
		}
		if (task.exitCode() != null) {
			return "the process exited with code " + task.exitCode();
		}
		return task.message();
	}

	private static Instant createdAt(TaskInfo task) {
		return Objects.requireNonNullElse(task.createdAt(), Instant.EPOCH);
	}

	/** When the task entered its state, or null when Swarm did not say. */
	private static Instant timestamp(TaskInfo task) {
		return task.timestamp() == null || task.timestamp().equals(Instant.EPOCH) ? null : task.timestamp();
	}

}
