package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>
 * An orchestrator in a container of its own (the Swarm stack) sees no host pids: the same number there is another
 * process, or none. So a process is ended only when it is in a PID namespace below this one, as a container's process
 * seen from the host is; otherwise the exec's processes are left to end with their terminal container.
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
		if (!inContainerBelow(pid)) {
			log.debug("process {} of a terminal is not in a container seen from here (does the orchestrator run in a "
					+ "container?); it is left to end with its terminal container", pid);
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

	/**
	 * Whether the process is in a PID namespace below this one: then the kernel lists its pid in each namespace from
	 * this one down, more than one ({@code NSpid} in its status).
	 */
	static boolean inContainerBelow(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
				.filter(line -> line.startsWith("NSpid:"))
				.anyMatch(line -> line.substring("NSpid:".length()).strip().split("\\s+").length > 1);
		}
		catch (IOException ex) {
			return false;
		}
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
