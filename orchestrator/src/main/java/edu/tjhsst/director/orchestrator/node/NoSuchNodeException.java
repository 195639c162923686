package edu.tjhsst.director.orchestrator.node;

/** The Swarm has no node of that id. */
public class NoSuchNodeException extends RuntimeException {

	NoSuchNodeException(String message) {
		super(message);
	}

}
