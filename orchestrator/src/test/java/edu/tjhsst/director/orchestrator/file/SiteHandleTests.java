package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openat2 wrapper on its own: nothing it opens or changes is ever outside the folder it starts from. */
class SiteHandleTests {

	@TempDir
	Path temporary;

	private Path site;

	private Path outside;

	private SiteHandle root;

	@BeforeEach
	void plant() throws IOException {
		site = Files.createDirectories(temporary.resolve("site"));
		outside = Files.createDirectories(temporary.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "SECRET");
		Files.createDirectories(site.resolve("a/b"));
		Files.writeString(site.resolve("a/b/file.txt"), "inside");
		Files.createSymbolicLink(site.resolve("out"), outside);
		Files.createSymbolicLink(site.resolve("a/out"), outside);
		Files.createSymbolicLink(site.resolve("a/inner"), Path.of("b"));
		Files.createSymbolicLink(site.resolve("a/secret.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(site.resolve("proc"), Path.of("/proc/self/root"));
		root = SiteHandle.openSite(site);
	}

	@AfterEach
	void closeRoot() {
		root.close();
	}

	@Test
	void aLinkAnywhereOnTheWayIsRefusedEvenOneThatStaysInside() {
		for (String path : List.of("out", "out/secret.txt", "a/out/secret.txt", "a/inner", "a/inner/file.txt",
				"a/secret.txt", "proc/etc/passwd", "proc")) {
			assertRefused(() -> root.folder(path), path);
			assertRefused(() -> root.read(path), path);
		}
	}

	@Test
	void dotDotAndAbsolutePathsCannotLeave() {
		for (String path : List.of("..", "../outside/secret.txt", "a/../../outside", "a/b/../../..",
				temporary.resolve("outside/secret.txt").toString(), "/etc/passwd", "/proc/self/root/etc/passwd")) {
			assertRefused(() -> root.read(path), path);
			assertRefused(() -> root.entry(path), path);
		}
	}

	@Test
	void aLinkAsTheLastNameIsRefusedEvenWhenOpenedByHandleOnlyAndIsSeenAsALink() throws IOException {
		assertRefused(() -> root.entry("a/secret.txt"), "a/secret.txt");
		assertRefused(() -> root.entry("out"), "out");
		assertThat(root.attributes("out").isSymbolicLink()).isTrue();
		try (SiteHandle a = root.folder("a")) {
			assertThat(a.attributes("secret.txt").isSymbolicLink()).isTrue();
			assertThat(a.attributes("b").isDirectory()).isTrue();
		}
	}

	@Test
	void aFolderSwappedForALinkAfterItWasOpenedIsStillTheRealFolder() throws IOException {
		try (SiteHandle folder = root.folder("a/b")) {
			Files.move(site.resolve("a/b"), site.resolve("a/real"));
			Files.createSymbolicLink(site.resolve("a/b"), outside);

			assertThat(folder.names()).containsExactly("file.txt");
			try (FileChannel channel = folder.read("file.txt")) {
				assertThat(text(channel)).isEqualTo("inside");
			}
			folder.delete("file.txt", false);
			try (SiteHandle made = folder.create("new.txt", 0600)) {
				made.chmod(0640);
			}
		}
		assertThat(site.resolve("a/real")).isDirectoryContaining(path -> path.endsWith("new.txt"));
		assertThat(site.resolve("a/real/file.txt")).doesNotExist();
		assertThat(outside).isDirectoryContaining(path -> path.endsWith("secret.txt"));
		assertThat(outside.resolve("new.txt")).doesNotExist();
	}

	@Test
	void aChannelReadsTheVeryFileThatWasOpenedWhateverItsNameBecomesLater() throws IOException {
		try (SiteHandle file = root.entry("a/b/file.txt")) {
			Files.delete(site.resolve("a/b/file.txt"));
			Files.createSymbolicLink(site.resolve("a/b/file.txt"), outside.resolve("secret.txt"));

			try (FileChannel channel = file.channel(StandardOpenOption.READ)) {
				assertThat(text(channel)).isEqualTo("inside");
			}
		}
	}

	@Test
	void creatingNeverOpensWhatExistsAndARenameThatMustNotReplaceDoesNot() throws IOException {
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> root.create("out", 0644));
		assertThatExceptionOfType(FileAlreadyExistsException.class)
			.isThrownBy(() -> root.rename("a", root, "out", false));
		assertThat(Files.isSymbolicLink(site.resolve("out"))).isTrue();
	}

	@Test
	void changesActOnTheNameInTheFolderNeverOnWhatALinkPointsAt() throws IOException {
		root.delete("out", false);
		root.rename("proc", root, "moved", false);

		assertThat(outside.resolve("secret.txt")).hasContent("SECRET");
		assertThat(Files.isSymbolicLink(site.resolve("moved"))).isTrue();
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> root.mkdir("moved", 0755));
	}

	@Test
	void missingAndNonFolderNamesGiveTheUsualExceptions() throws IOException {
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> root.folder("nothing"));
		assertThatExceptionOfType(NotDirectoryException.class).isThrownBy(() -> root.folder("a/b/file.txt"));
		assertThat(root.attributes("nothing")).isNull();
		assertThat(root.attributes("a").isDirectory()).isTrue();
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> SiteHandle.openSite(site.resolve("x")));
		assertThatExceptionOfType(FileSystemException.class)
			.isThrownBy(() -> SiteHandle.openSite(site.resolve("out")));
	}

	private static void assertRefused(Callable call, String path) {
		assertThatExceptionOfType(FileSystemException.class).as(path).isThrownBy(call::call)
			.satisfies(ex -> assertThat(ex.getReason()).as(path).isEqualTo(SiteHandle.LINK_REFUSED));
	}

	private static String text(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(100);
		channel.read(buffer);
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
	}

	/** A call on a handle that may throw. */
	@FunctionalInterface
	private interface Callable {

		AutoCloseable call() throws IOException;

	}

}
