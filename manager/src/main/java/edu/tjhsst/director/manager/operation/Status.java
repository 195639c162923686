package edu.tjhsst.director.manager.operation;

/** Where an operation or an action stands. */
public enum Status {

	PENDING, RUNNING, SUCCEEDED, FAILED;

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED;
	}

}
