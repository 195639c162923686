package edu.tjhsst.director.orchestrator.api;

/**
 * The body of the answer to a save whose version is out of date: the one error body, plus what the editor needs to
 * offer a reload.
 * @param error what happened
 * @param version the file's current version, or empty if it no longer exists
 */
record FileChangedBody(String error, String version) {
}
