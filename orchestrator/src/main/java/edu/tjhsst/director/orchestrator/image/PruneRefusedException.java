package edu.tjhsst.director.orchestrator.image;

/** A prune that could remove what is still in use, because what tells the two apart cannot be seen now. */
public class PruneRefusedException extends RuntimeException {

	PruneRefusedException(String message) {
		super(message);
	}

}
