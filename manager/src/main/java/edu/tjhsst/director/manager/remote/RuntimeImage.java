package edu.tjhsst.director.manager.remote;

/**
 * A runtime a dynamic site may run in, as the orchestrator lists it.
 * @param name the name a spec uses, such as {@code python}
 * @param image the image the site's process runs in
 * @param title a short name to show people
 * @param description one sentence on what it holds
 */
public record RuntimeImage(String name, String image, String title, String description) {
}
