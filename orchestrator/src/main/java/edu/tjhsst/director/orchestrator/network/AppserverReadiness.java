package edu.tjhsst.director.orchestrator.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files that tell an appserver Nginx container it is attached to every site's network and may start serving: one
 * empty file per container in {@code ready/} of the appserver's configuration directory, named after the container's
 * host name (the first 12 characters of its id, as Swarm names a task's container). The container's start script
 * waits for its file (see {@code docker/nginx/start-nginx.sh}); until then it refuses connections, and the router
 * sends its requests to another appserver.
 */
public final class AppserverReadiness {

	/** The folder's name inside the appserver's configuration directory. */
	public static final String DIR = "ready";

	private static final Pattern HOST_NAME = Pattern.compile("[0-9a-f]{12}");

	private final Path dir;

	public AppserverReadiness(Path appserverNginxDir) {
		this.dir = appserverNginxDir.resolve(DIR);
	}

	/** Lets the container start serving; nothing to do if it may already. */
	void ready(String containerId) {
		Path file = dir.resolve(hostName(containerId));
		try {
			if (!Files.exists(file)) {
				Files.createFile(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot mark the appserver container " + hostName(containerId) + " ready", ex);
		}
	}

	/** Forgets the files of containers that no longer run, so that the folder does not grow with each restart. */
	void retainOnly(Set<String> runningContainerIds) {
		Set<String> running = runningContainerIds.stream().map(AppserverReadiness::hostName)
			.collect(Collectors.toSet());
		if (!Files.isDirectory(dir)) {
			// Made by the appserver's start-up; a test's orchestrator may outlive its data directory.
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (HOST_NAME.matcher(name).matches() && !running.contains(name)) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	private static String hostName(String containerId) {
		String name = containerId.substring(0, Math.min(12, containerId.length()));
		if (!HOST_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("not a container id: " + containerId);
		}
		return name;
	}

}
