package edu.tjhsst.director.orchestrator.image;

/**
 * The answer to a build request.
 * @param image the image the site's process should run
 * @param built whether a new image was built for this request
 * @param log the last lines of the build's output, or a note on why none was needed
 */
record BuildResult(String image, boolean built, String log) {
}
