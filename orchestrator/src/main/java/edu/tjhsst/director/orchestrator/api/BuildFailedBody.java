package edu.tjhsst.director.orchestrator.api;

/**
 * The body of the answer to a failed build of a site's image: the one error body, plus the build's output.
 * @param error what went wrong, as every error body has it, for clients that read only that
 * @param message the same words, where the portal's build page reads them
 * @param log the last lines of the build's output
 */
record BuildFailedBody(String error, String message, String log) {
}
