package edu.tjhsst.director.orchestrator.file;

/**
 * A file to open, download or save, or a folder to zip, is larger than the configured limit for that; nothing was
 * read or written. The message names the limit.
 */
public class EntryTooLargeException extends RuntimeException {

	public EntryTooLargeException(String message) {
		super(message);
	}

}
