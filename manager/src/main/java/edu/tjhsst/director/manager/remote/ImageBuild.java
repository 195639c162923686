package edu.tjhsst.director.manager.remote;

/**
 * The orchestrator's answer to an image build.
 * @param image the image the site's process should run
 * @param built whether a new image was built
 * @param log the last lines of the build's output
 */
public record ImageBuild(String image, boolean built, String log) {
}
