package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.orchestrator.TestHttp;

/**
 * A stand-in for a site's process swaps a folder of site 1 for a link to a directory outside (and to site 2's
 * {@code private/}) and back, thousands of times, while every operation of the files API (its services, called as
 * its controller does, which is faster than HTTP on a busy machine) runs against it: no answer carries anything from
 * outside, and nothing outside is written, created, chmodded, moved or deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SlowTest
class FileRaceTests {

	private static final Path DATA = temporaryDirectory("orchestrator-race-");

	private static final Path OUTSIDE = temporaryDirectory("orchestrator-race-outside-");

	private static final Path SITE = DATA.resolve("sites/1");

	private static final Path TWO_PRIVATE = DATA.resolve("sites/2/private");

	/** The folder the attacker swaps; the same names lie in both targets, so a leaked operation hits something. */
	private static final Path SWAP = SITE.resolve("public/swap");

	private static final List<String> SECRETS = List.of("OUTSIDE-SECRET-33d1", "SITE-TWO-SECRET-8e0f",
			"outside-only.txt", "two-only.txt");

	/** How long the operations run. */
	private static final long RUN_MILLIS = 15_000;

	@Autowired
	FileReads reads;

	@Autowired
	FileWrites writes;

	@Autowired
	FileChanges changes;

	@Autowired
	FolderZips zips;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "dt-no-such-service");
	}

	@AfterAll
	static void removeData() throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
		FileSystemUtils.deleteRecursively(OUTSIDE);
	}

	@Test
	void aFolderSwappedForALinkDuringThousandsOfOperationsNeverLetsOneOutOfTheSite() throws Exception {
		plant();
		String before = outsideHash();
		long descriptors = openDescriptors();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong swaps = new AtomicLong();
		Thread attacker = new Thread(() -> swapUntilStopped(running, swaps), "site-process");
		attacker.start();
		List<String> escapes = new ArrayList<>();
		int operations = 0;
		int refused = 0;
		try {
			long end = System.currentTimeMillis() + RUN_MILLIS;
			while (System.currentTimeMillis() < end) {
				for (Operation operation : operations()) {
					byte[] answer;
					try {
						answer = operation.call().call();
					}
					catch (RuntimeException | IOException ex) {
						// Refused (a link on the way, gone meanwhile): what matters is that nothing got out.
						answer = String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8);
						refused++;
					}
					operations++;
					String leaked = leak(operation.name(), answer);
					String hash = outsideHash();
					if (leaked != null || !hash.equals(before)) {
						escapes.add(operation.name() + ": "
								+ (leaked != null ? "answered with " + leaked : "changed something outside"));
						replantOutside();
						before = outsideHash();
					}
				}
			}
		}
		finally {
			running.set(false);
			attacker.join();
		}
		System.out.printf("race: %d operations (%d refused), %d swaps, %d escapes%n", operations, refused, swaps.get(),
				escapes.size());
		escapes.stream().limit(20).forEach(escape -> System.out.println("race escape: " + escape));

		assertThat(operations).isGreaterThan(1000);
		assertThat(swaps.get()).isGreaterThan(1000);
		assertThat(escapes).isEmpty();
		assertThat(outsideHash()).isEqualTo(before);
		assertThat(openDescriptors()).as("open file descriptors, each handle closed").isLessThan(descriptors + 20);
	}

	/** How many file descriptors this process, the API's, has open. */
	private static long openDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	/** Each read and change the files API offers, aimed at the swapped folder and what it holds. */
	private List<Operation> operations() {
		return List.of(
				new Operation("content public/swap/a.txt", () -> reads.content(1, "public/swap/a.txt").bytes()),
				new Operation("download public/swap/a.txt", () -> download("public/swap/a.txt")),
				new Operation("list public/swap", () -> text(reads.list(1, "public/swap"))),
				new Operation("list public/swap/sub", () -> text(reads.list(1, "public/swap/sub"))),
				new Operation("zip public/swap", () -> zip("public/swap")),
				new Operation("zip public", () -> zip("public")),
				new Operation("tree", () -> text(reads.tree(1))),
				new Operation("write public/swap/a.txt", () -> write("public/swap/a.txt")),
				new Operation("write public/swap/sub/b.txt", () -> write("public/swap/sub/b.txt")),
				new Operation("write public/swap/new.txt", () -> write("public/swap/new.txt")),
				new Operation("mkdir public/swap/made", () -> text(changes.mkdir(1, "public/swap/made"))),
				new Operation("chmod public/swap/a.txt",
						() -> done(() -> changes.chmod(1, "public/swap/a.txt", "777"))),
				new Operation("chmod public/swap/sub", () -> done(() -> changes.chmod(1, "public/swap/sub", "777"))),
				new Operation("move public/swap/sub/b.txt out",
						() -> done(() -> changes.move(1, "public/swap/sub/b.txt", "public/moved.txt"))),
				new Operation("move into public/swap",
						() -> done(() -> changes.move(1, "public/moved.txt", "public/swap/b.txt"))),
				new Operation("delete public/swap/b.txt",
						() -> done(() -> changes.delete(1, "public/swap/b.txt", false))),
				new Operation("delete public/swap/new.txt",
						() -> done(() -> changes.delete(1, "public/swap/new.txt", false))),
				new Operation("delete public/swap/made", () -> done(() -> changes.delete(1, "public/swap/made", true))),
				new Operation("delete public/swap/sub", () -> done(() -> changes.delete(1, "public/swap/sub", true))),
				new Operation("mkdir public/swap/sub", () -> text(changes.mkdir(1, "public/swap/sub"))));
	}

	/**
	 * One operation of the files API.
	 * @param name what it does, for messages; a name with {@code zip} is read as a zip
	 * @param call the call, answering what the caller would receive
	 */
	record Operation(String name, Callable<byte[]> call) {
	}

	private byte[] download(String path) throws IOException {
		FileReads.Download download = reads.download(1, path);
		try (InputStream in = Channels.newInputStream(download.channel())) {
			return in.readAllBytes();
		}
	}

	private byte[] zip(String path) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ConfinedPath folder = zips.prepare(1, path)) {
			zips.write(folder, out);
		}
		return out.toByteArray();
	}

	private byte[] write(String path) {
		return writes.write(1, path, null, new ByteArrayInputStream("inside".getBytes(StandardCharsets.UTF_8)))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] done(Runnable change) {
		change.run();
		return new byte[0];
	}

	private static byte[] text(Object answer) {
		return answer.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * What the site's process would do: rename the real folder aside and a prepared link into its place, then back,
	 * as fast as it can, the link leading to the outside directory and to site 2's {@code private/} in turn.
	 */
	private static void swapUntilStopped(AtomicBoolean running, AtomicLong swaps) {
		Path real = SITE.resolve("public/.swap-real");
		Path link = SITE.resolve("public/.swap-link");
		try {
			while (running.get()) {
				Files.createSymbolicLink(link, swaps.get() % 2 == 0 ? OUTSIDE : TWO_PRIVATE);
				Files.move(SWAP, real);
				Files.move(link, SWAP);
				Files.move(SWAP, link);
				Files.move(real, SWAP);
				Files.delete(link);
				swaps.incrementAndGet();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The secret an answer carries, in its text or in a zip's names and contents, or null. */
	private static String leak(String name, byte[] answer) {
		StringBuilder text = new StringBuilder(new String(answer, StandardCharsets.UTF_8));
		if (name.startsWith("zip")) {
			try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer))) {
				for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
					text.append(entry.getName()).append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// A zip cut short by the limit check is no leak in itself; its entries so far were read above.
			}
		}
		return SECRETS.stream().filter(secret -> text.indexOf(secret) >= 0).findFirst().orElse(null);
	}

	private static void plant() throws IOException {
		Files.createDirectories(SWAP.resolve("sub"));
		Files.createDirectories(SITE.resolve("private"));
		Files.createDirectories(SITE.resolve(".home"));
		Files.writeString(SWAP.resolve("a.txt"), "inside");
		Files.writeString(SWAP.resolve("sub/b.txt"), "inside");
		replantOutside();
	}

	/** The two directories the link leads to, holding the same names as the real folder and secrets of their own. */
	private static void replantOutside() throws IOException {
		for (Path target : List.of(OUTSIDE, TWO_PRIVATE)) {
			String secret = target == OUTSIDE ? "OUTSIDE-SECRET-33d1" : "SITE-TWO-SECRET-8e0f";
			FileSystemUtils.deleteRecursively(target);
			Files.createDirectories(target.resolve("sub"));
			Files.writeString(target.resolve("a.txt"), secret);
			Files.writeString(target.resolve("sub/b.txt"), secret);
			Files.writeString(target.resolve(target == OUTSIDE ? "outside-only.txt" : "two-only.txt"), secret);
			try (Stream<Path> files = Files.walk(target)) {
				for (Path file : files.toList()) {
					Files.setPosixFilePermissions(file,
							PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
				}
			}
		}
	}

	/** A SHA-256 over every path, mode, owner and content in both directories the link leads to. */
	private static String outsideHash() throws IOException {
		MessageDigest digest = sha256();
		for (Path root : List.of(OUTSIDE, TWO_PRIVATE)) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.sorted().toList()) {
					digest.update((root.relativize(file) + "\n"
							+ Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
							+ Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) + "\n")
						.getBytes(StandardCharsets.UTF_8));
					if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
						digest.update(Files.readAllBytes(file));
					}
				}
			}
			catch (UncheckedIOException ex) {
				// Changing under the walk: something outside is being changed.
				digest.update(ex.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path temporaryDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
