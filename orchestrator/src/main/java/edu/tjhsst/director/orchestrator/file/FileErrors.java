package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.disk.DiskFullException;

/**
 * Turns a file-system failure into the orchestrator's own failure for it, whose message names the caller's path, never
 * a path on the server.
 */
final class FileErrors {

	private FileErrors() {
	}

	static RuntimeException of(IOException ex, ConfinedPath path) {
		return of(ex, path.toString());
	}

	/** @param path the caller's path as error messages name it */
	static RuntimeException of(IOException ex, String path) {
		if (ex instanceof NoSuchFileException) {
			return new NoSuchEntryException("no such file or folder: " + path);
		}
		if (ex instanceof FileAlreadyExistsException) {
			return new EntryExistsException(path + " already exists");
		}
		if (ex instanceof DirectoryNotEmptyException) {
			return new FolderNotEmptyException(path + " is not empty");
		}
		if (ex instanceof NotDirectoryException) {
			return new NoSuchEntryException("no such folder: " + path);
		}
		String reason = ex instanceof FileSystemException failure ? failure.getReason() : null;
		if (SiteHandle.LINK_REFUSED.equals(reason)) {
			// openat2 met a link, or a way out, that appeared after the checks.
			return new RejectedInputException(path + " leads outside the site");
		}
		if (SiteHandle.IS_FOLDER.equals(reason)) {
			return new RejectedInputException(path + " is a folder");
		}
		if (SiteHandle.NOT_REGULAR.equals(reason)) {
			return new RejectedInputException(path + " is not a regular file");
		}
		if (mentions(ex, "Disk quota exceeded")) {
			return new DiskFullException("There is not enough room left in the site's disk space: delete files to make "
					+ "room, or ask an administrator for more. " + path + " was not changed.");
		}
		if (mentions(ex, "No space left on device")) {
			return new DiskFullException("The disk that holds the sites is full: tell an administrator. " + path
					+ " was not changed.");
		}
		// Unexpected: an internal error whose details stay in the log.
		return new UncheckedIOException(ex);
	}

	/** The kernel's words for an errno, which the JDK puts in the message or, for a path's failure, the reason. */
	private static boolean mentions(IOException ex, String words) {
		String reason = ex instanceof FileSystemException failure ? failure.getReason() : null;
		return (ex.getMessage() != null && ex.getMessage().contains(words)) || (reason != null && reason.contains(words));
	}

}
