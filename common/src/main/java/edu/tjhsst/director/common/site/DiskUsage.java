package edu.tjhsst.director.common.site;

/**
 * How much disk space a site's files take, as the orchestrator answers {@code GET /sites/{id}/disk}.
 * @param usedBytes the bytes its files take on disk
 * @param limitBytes the most they may take, or null where the platform does not limit it (its sites' files are not on
 *        the orchestrator's volume)
 */
public record DiskUsage(long usedBytes, Long limitBytes) {

	/** Whether the files take all the space they may: the next write fails. */
	public boolean full() {
		return limitBytes != null && usedBytes >= limitBytes;
	}

}
