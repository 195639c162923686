package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.site.DiskUsage;
import edu.tjhsst.director.orchestrator.RejectedInputException;

/** How much disk space a site's files take, and its limit, for its page in the portal. */
@RestController
class DiskController {

	private final SiteDisks disks;

	DiskController(SiteDisks disks) {
		this.disks = disks;
	}

	@GetMapping("/sites/{id}/disk")
	DiskUsage usage(@PathVariable long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		try {
			return disks.usage(id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot measure the disk space of site " + id, ex);
		}
	}

}
