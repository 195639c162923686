package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a process and everything it started, on this host (the orchestrator runs as root beside the engine, and an
 * exec's pid as the engine reports it is a host pid). Docker has no API to end an exec. Each process is first stopped,
 * so that none can start another while the tree is gathered, then all are killed.
 */
final class ProcessTrees {

	private static final Logger log = LoggerFactory.getLogger(ProcessTrees.class);

	/** How often the tree is gathered again for processes started while it was being stopped. */
	private static final int ROUNDS = 5;

	private ProcessTrees() {
	}

	/** Kills the process and its descendants; nothing to do if it has ended. */
	static void kill(long pid) {
		Optional<ProcessHandle> root = ProcessHandle.of(pid);
		if (root.isEmpty()) {
			return;
		}
		Map<Long, ProcessHandle> stopped = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			List<ProcessHandle> fresh = Stream.concat(Stream.of(root.get()), root.get().descendants())
				.filter(ProcessHandle::isAlive).filter(process -> !stopped.containsKey(process.pid())).toList();
			if (fresh.isEmpty()) {
				break;
			}
			stop(fresh);
			fresh.forEach(process -> stopped.put(process.pid(), process));
		}
		stopped.values().forEach(ProcessHandle::destroyForcibly);
	}

	/** Sends SIGSTOP; Java offers only SIGTERM and SIGKILL, so the host's {@code kill} does it. */
	private static void stop(List<ProcessHandle> processes) {
		List<String> command = new ArrayList<>(List.of("kill", "-STOP"));
		processes.forEach(process -> command.add(Long.toString(process.pid())));
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!kill.waitFor(5, TimeUnit.SECONDS)) {
				kill.destroyForcibly();
			}
		}
		catch (IOException ex) {
			log.warn("cannot stop processes before killing them: {}", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
