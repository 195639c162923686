package edu.tjhsst.director.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.TaskInfo;
import edu.tjhsst.director.orchestrator.docker.TaskInfo.State;

/** A process's status as read from its service's tasks. */
class TaskHistoryTests {

	private static final Instant CHANGED = Instant.parse("2026-11-22T04:00:00Z");

	@Test
	void aRunningNewestTaskMeansRunningSinceItStarted() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:10", State.RUNNING, State.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:20", State.RUNNING, State.RUNNING, null, null)));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.RUNNING, at("04:00:20"), null, null));
	}

	@Test
	void aFailureSinceTheLastChangeIsACrashEvenWhileSwarmTriesAgain() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:10", State.RUNNING, State.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:20", State.RUNNING, State.READY, null, null)));

		assertThat(status.state()).isEqualTo(ProcessState.CRASHED);
		assertThat(status.exitCode()).isEqualTo(1L);
		assertThat(status.since()).isEqualTo(at("04:00:10"));
		assertThat(status.message()).isEqualTo("task: non-zero exit (1); Swarm will try again shortly");
	}

	@Test
	void afterTheLastAttemptTheCrashStays() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:30", State.SHUTDOWN, State.FAILED, 2L, "task: non-zero exit (2)")));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.CRASHED, at("04:00:30"), 2L,
				"task: non-zero exit (2)"));
	}

	@Test
	void failuresBeforeARestartDoNotHideTheNewStart() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("03:59:00", State.SHUTDOWN, State.FAILED, 1L, "task: non-zero exit (1)"),
				task("04:00:05", State.RUNNING, State.PREPARING, null, null)));

		assertThat(status.state()).isEqualTo(ProcessState.STARTING);
	}

	@Test
	void aCleanExitIsStoppedWithItsCode() {
		ProcessStatus status = TaskHistory.status(CHANGED, List.of(
				task("04:00:05", State.SHUTDOWN, State.COMPLETE, 0L, null)));

		assertThat(status).isEqualTo(new ProcessStatus(ProcessState.STOPPED, at("04:00:05"), 0L,
				"the process exited with code 0"));
	}

	@Test
	void noTaskYetMeansStarting() {
		assertThat(TaskHistory.status(CHANGED, List.of()).state()).isEqualTo(ProcessState.STARTING);
	}

	private static TaskInfo task(String time, State desired, State state, Long exitCode, String error) {
		return new TaskInfo(at(time), desired, state, at(time), null, error, exitCode,
				exitCode == null ? null : "c" + time, "n1");
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

}
