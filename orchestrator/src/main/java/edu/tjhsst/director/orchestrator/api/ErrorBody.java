package edu.tjhsst.director.orchestrator.api;

/**
 * The body of every error answer, the same shape the signature filter uses.
 * @param error what went wrong, safe to show the caller
 */
record ErrorBody(String error) {
}
