package edu.tjhsst.director.orchestrator.node;

/** A change of a node that would leave the sites with no node to run on. */
public class NodeInUseException extends RuntimeException {

	NodeInUseException(String message) {
		super(message);
	}

}
