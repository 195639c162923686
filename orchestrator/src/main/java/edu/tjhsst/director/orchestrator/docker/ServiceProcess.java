package edu.tjhsst.director.orchestrator.docker;

import java.util.List;

/**
 * The process a service's container runs, as Swarm holds it.
 * @param command the program and its arguments, or null for the image's
 * @param init whether Docker's init runs first, or null for the engine's default
 * @param env its environment, {@code NAME=value}, or null for none
 */
public record ServiceProcess(List<String> command, Boolean init, List<String> env) {
}
