package edu.tjhsst.director.orchestrator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;

/**
 * The last applied specs as an operator's converge reads them: kept root's alone, written again only when a site's
 * spec changed (the reconciler sends every site's on each pass), and gone with the site.
 */
class AppliedSpecsTests {

	@TempDir
	Path data;

	private static SiteSpec spec(String name) {
		return new SiteSpec(5, name, SiteType.STATIC, List.of(name + ".sites.localhost"));
	}

	private Object inode(Path file) throws IOException {
		return Files.getAttribute(file, "unix:ino");
	}

	@Test
	void theSameSpecAgainLeavesTheFileAsItIsAndAChangedOneReplacesIt() throws IOException {
		Path dir = data.resolve("applied-specs");
		AppliedSpecs specs = new AppliedSpecs(dir, new ObjectMapper());
		specs.save(spec("alpha"));
		Path file = dir.resolve("5.json");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		Object first = inode(file);

		specs.save(spec("alpha"));
		assertThat(inode(file)).as("not written again").isEqualTo(first);
		// Another process (the orchestrator started again) reads the file once, and writes nothing either.
		new AppliedSpecs(dir, new ObjectMapper()).save(spec("alpha"));
		assertThat(inode(file)).isEqualTo(first);

		specs.save(spec("beta"));
		assertThat(inode(file)).as("replaced by a new file").isNotEqualTo(first);
		assertThat(specs.find(5)).contains(spec("beta"));
	}

	@Test
	void aRemovedSpecIsWrittenAgainWhenTheSiteComesBack() {
		Path dir = data.resolve("applied-specs");
		AppliedSpecs specs = new AppliedSpecs(dir, new ObjectMapper());
		specs.save(spec("alpha"));
		specs.remove(5);
		assertThat(specs.find(5)).isEmpty();

		specs.save(spec("alpha"));
		assertThat(specs.find(5)).contains(spec("alpha"));
		assertThat(specs.ids()).containsExactly(5L);
	}

}
