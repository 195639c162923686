package edu.tjhsst.director.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import com.github.dockerjava.api.model.TaskStatusContainerStatus;

import org.junit.jupiter.api.Test;

/** A process's status as read from its service's tasks. */
class TaskHistoryTests {

	private static final Instant CHANGED = Instant.parse("2026-11-22T04:00:00Z");

	@Test
	void aRunningNewestTaskMeansRunningSinceItStarted() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:10", TaskState.RUNNING, TaskState.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:20", TaskState.RUNNING, TaskState.RUNNING, null, null)));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.RUNNING, at("04:00:20"), null, null));
	}

	@Test
	void aFailureSinceTheLastChangeIsACrashEvenWhileSwarmTriesAgain() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:10", TaskState.RUNNING, TaskState.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:20", TaskState.RUNNING, TaskState.READY, null, null)));

		assertThat(status.state()).isEqualTo(ProcessState.CRASHED);
		assertThat(status.exitCode()).isEqualTo(1L);
		assertThat(status.since()).isEqualTo(at("04:00:10"));
		assertThat(status.message()).isEqualTo("task: non-zero exit (1); Swarm will try again shortly");
	}

	@Test
	void afterTheLastAttemptTheCrashStays() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:30", TaskState.SHUTDOWN, TaskState.FAILED, 2L, "task: non-zero exit (2)")));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.CRASHED, at("04:00:30"), 2L,
				"task: non-zero exit (2)"));
	}

	@Test
	void failuresBeforeARestartDoNotHideTheNewStart() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("03:59:00", TaskState.SHUTDOWN, TaskState.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:05", TaskState.RUNNING, TaskState.PREPARING, null, null)));

		assertThat(status.state()).isEqualTo(ProcessState.STARTING);
	}

	@Test
	void aCleanExitIsStoppedWithItsCode() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:05", TaskState.SHUTDOWN, TaskState.COMPLETE, 0L, null)));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.STOPPED, at("04:00:05"), 0L,
				"the process exited with code 0"));
	}

	@Test
	void noTaskYetMeansStarting() {
		assertThat(TaskHistory.status(CHANGED, List.of()).state()).isEqualTo(ProcessState.STARTING);
	}

	private static Task task(String time, TaskState desired, TaskState state, Long exitCode, String error) {
		TaskStatus status = new TaskStatus().withState(state).withTimestamp(at(time).toString()).withErr(error);
		if (exitCode != null) {
			status.withContainerStatus(new TaskStatusContainerStatus().withContainerID("c" + time)
				.withExitCode(exitCode));
		}
		return new Task().withCreatedAt(at(time).toString()).withDesiredState(desired).withStatus(status);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

}
