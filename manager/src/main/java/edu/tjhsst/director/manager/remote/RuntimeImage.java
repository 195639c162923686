package edu.tjhsst.director.manager.remote;

/**
 * A runtime image on the app server, as the orchestrator lists it for administrators.
 * @param image its tag, such as {@code director/runtime-python:1}
 * @param runtime the runtime its label names, such as {@code python}
 */
public record RuntimeImage(String image, String runtime) {
}
