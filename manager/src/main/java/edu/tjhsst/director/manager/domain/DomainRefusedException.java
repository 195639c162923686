package edu.tjhsst.director.manager.domain;

/** A domain that cannot be added or changed as asked; the message is a sentence for the person who asked. */
public class DomainRefusedException extends RuntimeException {

	DomainRefusedException(String message) {
		super(message);
	}

}
