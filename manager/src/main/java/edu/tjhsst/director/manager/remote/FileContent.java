package edu.tjhsst.director.manager.remote;

/**
 * A file's bytes as the editor opens them.
 * @param bytes the whole file
 * @param version the token a save must name to prove nobody changed the file since
 * @param binary whether the orchestrator judged the file not to be text
 */
public record FileContent(byte[] bytes, String version, boolean binary) {
}
