package edu.tjhsst.director.orchestrator.site;

import java.time.Instant;

import edu.tjhsst.director.orchestrator.docker.TaskInfo;

/**
 * One task of a site's service, as an operator sees it.
 * @param node the node it was given to, or null
 * @param desiredState what Swarm wants of it
 * @param state what it is
 * @param since when it became so
 * @param error why it failed, or null
 */
record OperatorTask(String node, TaskInfo.State desiredState, TaskInfo.State state, Instant since, String error) {

	static OperatorTask of(TaskInfo task) {
		return new OperatorTask(task.nodeId(), task.desiredState(), task.state(), task.timestamp(), task.error());
	}

}
