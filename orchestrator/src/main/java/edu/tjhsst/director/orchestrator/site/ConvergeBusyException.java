package edu.tjhsst.director.orchestrator.site;

/** Every site is being converged already, at an operator's request. */
public class ConvergeBusyException extends RuntimeException {

	ConvergeBusyException(String message) {
		super(message);
	}

}
