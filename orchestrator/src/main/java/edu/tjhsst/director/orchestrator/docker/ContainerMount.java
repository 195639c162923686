package edu.tjhsst.director.orchestrator.docker;

import java.nio.file.Path;

/**
 * A file system a container sees at {@code target}: a host path bound in, or a tmpfs of its own that everyone in the
 * container may write to (mode 1777).
 * @param type a bind or a tmpfs
 * @param source the host path of a bind, null for a tmpfs
 * @param target where the container sees it
 * @param readOnly whether a bind is read-only; false for a tmpfs
 * @param sizeMiB the size of a tmpfs, 0 for a bind
 */
public record ContainerMount(Type type, String source, String target, boolean readOnly, long sizeMiB) {

	/** What is mounted. */
	public enum Type {

		/** A host path. */
		BIND,

		/** Memory of the container's own. */
		TMPFS

	}

	/** A host path the container may write to. */
	public static ContainerMount bind(Path source, String target) {
		return new ContainerMount(Type.BIND, source.toString(), target, false, 0);
	}

	/** A host path the container may only read. */
	public static ContainerMount readOnlyBind(Path source, String target) {
		return new ContainerMount(Type.BIND, source.toString(), target, true, 0);
	}

	/** A tmpfs of this many MiB. */
	public static ContainerMount tmpfs(String target, long sizeMiB) {
		return new ContainerMount(Type.TMPFS, null, target, false, sizeMiB);
	}

}
