package edu.tjhsst.director.orchestrator.docker;

import java.util.List;
import java.util.Map;

import edu.tjhsst.director.common.site.SiteLimits;

/**
 * What a container runs and how it is confined, in Director's terms: a service's task or a container of its own is
 * made from one. A null part takes the engine's default.
 * @param image the image it runs
 * @param labels the container's labels
 * @param command the program and its arguments, in place of the image's
 * @param user {@code uid:gid} it runs as
 * @param dir its working directory
 * @param env its environment, {@code NAME=value}
 * @param mounts what it sees of the host and of memory
 * @param readOnlyRoot whether its root file system is read-only
 * @param dropAllCapabilities whether it runs without any capability
 * @param init whether Docker's init runs first; false where the command brings its own
 * @param limits its CPU, memory and process limits
 * @param logOptions the options of its {@code json-file} log
 */
public record ContainerDefinition(String image, Map<String, String> labels, List<String> command, String user,
		String dir, List<String> env, List<ContainerMount> mounts, boolean readOnlyRoot, boolean dropAllCapabilities,
		Boolean init, SiteLimits limits, Map<String, String> logOptions) {

	/** A container of the image with these labels and mounts, running the image's own program as its own user. */
	public static ContainerDefinition of(String image, Map<String, String> labels, List<ContainerMount> mounts) {
		return new ContainerDefinition(image, labels, null, null, null, null, mounts, false, false, null, null, null);
	}

	/** This container running a program of its own, as a user, in a directory, with an environment. */
	public ContainerDefinition running(List<String> command, String user, String dir, List<String> env) {
		return new ContainerDefinition(image, labels, command, user, dir, env, mounts, readOnlyRoot,
				dropAllCapabilities, init, limits, logOptions);
	}

	/**
	 * This container with a read-only root, without capabilities, and without Docker's init: its command must be an
	 * init of its own (Director's subvolume guard is) that reaps and passes signals on.
	 */
	public ContainerDefinition hardened() {
		return new ContainerDefinition(image, labels, command, user, dir, env, mounts, true, true, false, limits,
				logOptions);
	}

	/** This container within a site's CPU, memory and process limits. */
	public ContainerDefinition limitedTo(SiteLimits siteLimits) {
		return new ContainerDefinition(image, labels, command, user, dir, env, mounts, readOnlyRoot,
				dropAllCapabilities, init, siteLimits, logOptions);
	}

	/** This container logging to the {@code json-file} driver with these options. */
	public ContainerDefinition logging(Map<String, String> options) {
		return new ContainerDefinition(image, labels, command, user, dir, env, mounts, readOnlyRoot,
				dropAllCapabilities, init, limits, options);
	}

}
