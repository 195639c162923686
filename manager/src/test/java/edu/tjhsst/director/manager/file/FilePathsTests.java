package edu.tjhsst.director.manager.file;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manager's light checks on paths, and which files may ever be shown inline. */
class FilePathsTests {

	@Test
	void ordinaryPathsPassUnchangedAndNullIsTheSiteRoot() {
		assertThat(FilePaths.check("public/my page (1).html")).isEqualTo("public/my page (1).html");
		assertThat(FilePaths.check("public/é.txt")).isEqualTo("public/é.txt");
		assertThat(FilePaths.check(null)).isEmpty();
	}

	@Test
	void controlCharactersAndOverlongPathsAreRefused() {
		for (String bad : new String[] { "a\u0000b", "a\nb", "a\u007fb", "x".repeat(4097), "é".repeat(2049) }) {
			assertThatThrownBy(() -> FilePaths.check(bad)).isInstanceOfSatisfying(FileRequestException.class,
					ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		}
		assertThat(FilePaths.check("x".repeat(4096))).hasSize(4096);
	}

	@Test
	void anUploadedNameIsOneSegment() {
		assertThat(FilePaths.checkName(" photo.png ")).isEqualTo("photo.png");
		for (String bad : new String[] { "", "..", ".", "a/b", "a\\b" }) {
			assertThatThrownBy(() -> FilePaths.checkName(bad)).isInstanceOf(FileRequestException.class);
		}
	}

	@Test
	void aPathSplitsIntoItsFolderAndName() {
		assertThat(FilePaths.parent("public/css/site.css")).isEqualTo("public/css");
		assertThat(FilePaths.parent("run.sh")).isEmpty();
		assertThat(FilePaths.name("public/css/")).isEqualTo("css");
		assertThat(FilePaths.join("public/", "a.txt")).isEqualTo("public/a.txt");
		assertThat(FilePaths.join("", "a.txt")).isEqualTo("a.txt");
	}

	@Test
	void onlyFourImageTypesAreEverShownInline() {
		assertThat(FilePaths.image("public/a.PNG")).contains(MediaType.IMAGE_PNG);
		assertThat(FilePaths.image("public/a.jpeg")).contains(MediaType.IMAGE_JPEG);
		assertThat(FilePaths.image("public/a.webp")).contains(MediaType.parseMediaType("image/webp"));
		assertThat(FilePaths.image("public/a.svg")).isEmpty();
		assertThat(FilePaths.image("public/a.html")).isEmpty();
		assertThat(FilePaths.image("public/png")).isEmpty();
	}

	@Test
	void zipNamesCarryTheSiteAndAFlattenedFolder() {
		assertThat(FilePaths.zipName("blog", "")).isEqualTo("blog.zip");
		assertThat(FilePaths.zipName("blog", "public")).isEqualTo("blog-public.zip");
		assertThat(FilePaths.zipName("blog", "public/css/")).isEqualTo("blog-public-css.zip");
		assertThat(FilePaths.zipName("blog", "public/my \"notes\"")).isEqualTo("blog-public-my-notes-.zip");
	}

}
