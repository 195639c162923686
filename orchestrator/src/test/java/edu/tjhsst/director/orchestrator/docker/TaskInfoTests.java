package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import com.github.dockerjava.api.model.TaskStatusContainerStatus;

import org.junit.jupiter.api.Test;

/** A Swarm task as docker-java reads it, in Director's terms. */
class TaskInfoTests {

	@Test
	void aTaskWithAContainerKeepsItsStatesTimesErrorExitCodeContainerAndNode() {
		Task task = new Task().withCreatedAt("2026-11-22T04:00:10.123456789Z").withDesiredState(TaskState.SHUTDOWN)
			.withNodeId("n1")
			.withStatus(new TaskStatus().withState(TaskState.FAILED).withTimestamp("2026-11-22T04:00:12Z")
				.withMessage("started").withErr("task: non-zero exit (2)")
				.withContainerStatus(new TaskStatusContainerStatus().withContainerID("c1").withExitCode(2L)));

		assertThat(TaskInfo.from(task)).isEqualTo(new TaskInfo(Instant.parse("2026-11-22T04:00:10.123456789Z"),
				TaskInfo.State.SHUTDOWN, TaskInfo.State.FAILED, Instant.parse("2026-11-22T04:00:12Z"), "started",
				"task: non-zero exit (2)", 2L, "c1", "n1"));
	}

	@Test
	void aTaskWithoutStatusOrReadableTimesHasNoneOfThem() {
		Task task = new Task().withCreatedAt("yesterday").withDesiredState(TaskState.RUNNING);

		assertThat(TaskInfo.from(task))
			.isEqualTo(new TaskInfo(null, TaskInfo.State.RUNNING, null, null, null, null, null, null, null));
	}

	@Test
	void everySwarmStateHasOneOfItsOwn() {
		for (TaskState state : TaskState.values()) {
			assertThat(TaskInfo.State.from(state).name()).isEqualTo(state.name());
		}
	}

}
