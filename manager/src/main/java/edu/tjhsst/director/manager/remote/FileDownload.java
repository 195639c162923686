package edu.tjhsst.director.manager.remote;

import java.io.InputStream;

/**
 * A file or archive streamed from the orchestrator; the receiver closes the stream.
 * @param body the bytes, still on the wire
 * @param length the length the orchestrator announced, or -1 when it did not
 */
public record FileDownload(InputStream body, long length) {
}
