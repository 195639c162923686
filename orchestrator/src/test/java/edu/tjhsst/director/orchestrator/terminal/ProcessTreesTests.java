package edu.tjhsst.director.orchestrator.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.testing.Await;

/**
 * Ending a terminal's processes by pid is safe only where the orchestrator sees them from outside their container:
 * an orchestrator in a container of its own would otherwise end its own process that has the same number.
 */
class ProcessTreesTests {

	@Test
	void aProcessInThisPidNamespaceIsNeverTakenForAContainersAndIsLeftRunning() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "60").start();
		try {
			assertThat(ProcessTrees.inContainerBelow(sleep.pid())).isFalse();
			ProcessTrees.kill(sleep.pid());
			assertThat(sleep.waitFor(2, TimeUnit.SECONDS)).as("ended within 2 s").isFalse();
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void aProcessTreeInAPidNamespaceBelowIsEndedWhole() throws Exception {
		// As a container's exec is seen from the host: its processes in a PID namespace of their own (made in a user
		// namespace, so that this needs no root).
		Process outer = new ProcessBuilder("unshare", "--user", "--map-root-user", "--pid", "--fork", "sh", "-c",
				"sleep 60 & sleep 60").start();
		try {
			ProcessHandle inside = Await.value("the namespace's first process", Duration.ofSeconds(10),
					() -> outer.toHandle().children().findFirst(), Optional::isPresent).orElseThrow();
			assertThat(ProcessTrees.inContainerBelow(inside.pid())).isTrue();
			Await.until("both sleeps started", Duration.ofSeconds(10), () -> inside.children().count() == 2);
			var sleeps = inside.children().toList();
			ProcessTrees.kill(inside.pid());
			Await.until("the tree ended", Duration.ofSeconds(10),
					() -> !inside.isAlive() && sleeps.stream().noneMatch(ProcessHandle::isAlive));
		}
		finally {
			outer.destroyForcibly();
		}
	}

	@Test
	void aProcessThatIsGoneIsNotInAContainer() {
		assertThat(ProcessTrees.inContainerBelow(Long.MAX_VALUE / 2)).isFalse();
	}

}
