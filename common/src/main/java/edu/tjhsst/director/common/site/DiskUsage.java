package edu.tjhsst.director.common.site;

/**
 * How much disk space a site's files take, as the orchestrator answers {@code GET /sites/{id}/disk}.
 * @param usedBytes the bytes its files take on disk
 * @param limitBytes the most they may take, or null where the platform does not limit it (its sites' files are not on
 *        the orchestrator's volume)
 */
public record DiskUsage(long usedBytes, Long limitBytes) {

	/**
	 * Whether the files take (nearly) all the space they may, so that writes fail: a write that does not fit is
	 * refused whole, which leaves a little unused, so less than a MiB or a hundredth of the limit left counts as full.
	 */
	public boolean full() {
		return limitBytes != null && limitBytes - usedBytes < Math.max(1024L * 1024, limitBytes / 100);
	}

}
