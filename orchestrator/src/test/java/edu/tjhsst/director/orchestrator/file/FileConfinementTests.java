package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.orchestrator.TestHttp;

/**
 * Hundreds of crafted paths, sent through every file operation over real signed HTTP, never reach or reveal anything
 * outside site 1: not the rest of the data root, not site 2, not a directory elsewhere, not {@code /etc}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileConfinementTests {

	private static final Path DATA = temporaryDirectory("orchestrator-confinement-");

	private static final Path OUTSIDE = temporaryDirectory("orchestrator-outside-");

	private static final Path SITE = DATA.resolve("sites/1");

	/** A stand-in for {@code /etc} that the destructive operations aim at, so that a regression cannot harm the host. */
	private static final Path DECOY = temporaryDirectory("orchestrator-decoy-etc-");

	/** Contents and names that exist only outside site 1; no answer may carry them. */
	private static final List<String> SECRETS = List.of("DATA-SECRET-7f3a", "SITE-TWO-SECRET-91c2",
			"OUTSIDE-SECRET-5be0", "data-secret.txt", "site-two-secret.txt", "outside-secret.txt", "root:x:0:0");

	/** Files of the host whose contents and modes must not change either. */
	private static final List<Path> HOST_FILES = List.of(Path.of("/etc/passwd"), Path.of("/etc/hostname"),
			Path.of("/etc/shadow"), Path.of("/etc/hosts"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "dt-no-such-service");
	}

	@AfterAll
	static void removeData() throws IOException {
		// Spring's deleteRecursively does not follow links, so /etc and the rest stay.
		FileSystemUtils.deleteRecursively(DATA);
		FileSystemUtils.deleteRecursively(OUTSIDE);
		FileSystemUtils.deleteRecursively(DECOY);
	}

	/** Which operations a crafted path must be refused for. */
	enum Refused {

		/** Every operation: the path is not acceptable or leads through a link. */
		ALL,

		/** Operations that work through the last segment; delete and move act on a link itself. */
		THROUGH,

		/** None necessarily: the path stays inside the site, so a normal answer is fine. */
		NONE

	}

	/**
	 * One crafted path.
	 * @param query the query value exactly as sent, already encoded
	 * @param refused which operations must answer 4xx
	 * @param readOnly whether only reads are sent (for paths through the link to the host's real {@code /etc})
	 */
	record Case(String query, Refused refused, boolean readOnly) {

		Case(String query, Refused refused) {
			this(query, refused, false);
		}

	}

	@Test
	void noCraftedPathReachesOrRevealsAnythingOutsideTheSite() throws IOException {
		plant();
		String before = checksum();
		List<Case> cases = cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		List<String> failures = new ArrayList<>();
		int requests = 0;

		for (Case crafted : cases) {
			replantSiteOne();
			for (Map.Entry<String, Boolean> operation : operations(crafted).entrySet()) {
				String[] parts = operation.getKey().split(" ", 2);
				Answer answer = send(parts[0], parts[1],
						parts[0].equals("PUT") ? "PWNED".getBytes(StandardCharsets.UTF_8) : new byte[0]);
				requests++;
				boolean mustRefuse = operation.getValue();
				if (answer.status() < 200 || answer.status() >= 500
						|| mustRefuse && (answer.status() < 400 || answer.status() >= 500)) {
					failures.add(answer.status() + " for " + operation.getKey() + " " + answer.text());
				}
				String leaked = leak(parts[1], answer);
				if (leaked != null) {
					failures.add("leaked " + leaked + " through " + operation.getKey());
				}
			}
		}

		assertThat(requests).isGreaterThan(2000);
		assertThat(failures).isEmpty();
		assertThat(checksum()).as("everything outside site 1").isEqualTo(before);
	}

	@Test
	void wholeSiteReadsDoNotFollowThePlantedLinks() throws IOException {
		plant();
		for (String endpoint : List.of("tree", "usage", "fingerprint", "list", "zip?path=")) {
			String target = "/sites/1/files/" + endpoint;
			Answer answer = send("GET", target, new byte[0]);

			assertThat(answer.status()).as(target).isEqualTo(200);
			assertThat(leak(target, answer)).as(target).isNull();
		}
		assertThat(send("GET", "/sites/1/files/usage", new byte[0]).text())
			.isEqualTo("{\"bytes\":" + ("<h1>one</h1>".length() + "about".length() + "HARD".length()) + ",\"files\":3}");
	}

	@Test
	void badSiteIdsAreRefused() {
		assertThat(send("GET", "/sites/0/files/list", new byte[0]).status()).isEqualTo(400);
		assertThat(send("GET", "/sites/-1/files/list", new byte[0]).status()).isEqualTo(400);
		assertThat(send("GET", "/sites/abc/files/list", new byte[0]).status()).isEqualTo(400);
		assertThat(send("GET", "/sites/3/files/list", new byte[0]).status()).isEqualTo(404);
		assertThat(send("GET", "/sites/1%2f..%2f2/files/list", new byte[0]).status()).isBetween(400, 499);
		assertThat(send("GET", "/sites/1/../2/files/list", new byte[0]).status()).isBetween(400, 499);
	}

	@Test
	void aPathTheServerCannotDecodeIsRefusedRatherThanTakenForTheRoot() throws IOException {
		plant();
		for (String query : List.of("path=%zz", "path=%", "path=%2", "from=%zz&to=x", "path=public&recursive=%zz")) {
			Answer answer = send("DELETE", "/sites/1/files?" + query, new byte[0]);

			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.text()).as(query).contains("is not well-formed");
		}
		assertThat(SITE.resolve("public/index.html")).exists();
	}

	/** Each operation for a crafted path, with whether it must be refused. */
	private static Map<String, Boolean> operations(Case crafted) {
		String q = crafted.query();
		boolean all = crafted.refused() == Refused.ALL;
		boolean through = all || crafted.refused() == Refused.THROUGH;
		Map<String, Boolean> operations = new LinkedHashMap<>();
		operations.put("GET /sites/1/files/list?path=" + q, through);
		operations.put("GET /sites/1/files/content?path=" + q, through);
		operations.put("GET /sites/1/files/download?path=" + q, through);
		operations.put("GET /sites/1/files/zip?path=" + q, through);
		if (crafted.readOnly()) {
			return operations;
		}
		operations.put("PUT /sites/1/files/content?path=" + q + "&version=1-2-3", through);
		operations.put("PUT /sites/1/files/content?path=" + q, through);
		operations.put("POST /sites/1/files/mkdir?path=" + q, through);
		operations.put("POST /sites/1/files/chmod?path=" + q + "&mode=777", through);
		operations.put("POST /sites/1/files/move?from=public%2Fabout.html&to=" + q, all);
		operations.put("POST /sites/1/files/move?from=" + q + "&to=private%2Fmoved", all);
		operations.put("DELETE /sites/1/files?path=" + q + "&recursive=true", all);
		return operations;
	}

	private static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		// ".." in many positions.
		for (String prefix : List.of("", "public/", "private/", "public/css/", ".home/", "public/index.html/")) {
			for (String escape : List.of("..", "../..", "../../..", "../../../../../../../..",
					"../2/private/site-two-secret.txt", "../../data-secret.txt", "../../../../../../etc/passwd",
					"../1/public")) {
				cases.add(literal(prefix + escape, Refused.ALL));
			}
		}
		for (String path : List.of("public/../private", "public/css/../../..", "a/../..", "public/..", "../public",
				"public/../../2", "private/..", "public/css/..", "./../..", "public/../../../data-secret.txt")) {
			cases.add(literal(path, Refused.ALL));
		}
		// Encoded once on top of the caller's encoding: decoded, they are ".." and "/" again.
		for (String raw : List.of("%2e%2e", "%2e%2e%2f%2e%2e%2fdata-secret.txt", "..%2f..%2fdata-secret.txt",
				"%2E%2E/%2E%2E", ".%2e/.%2e", "%2e./%2e.", "public%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fdata-secret.txt",
				"%2fetc%2fpasswd", "..%5c..%5cdata-secret.txt", "%5c", "public%00", "%00", "public%2findex.html%00.txt",
				"%0a", "%0d%0a", "%7f", "%c2%85", "public%2F%2E%2E%2F%2E%2E%2F2", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc")) {
			cases.add(new Case(raw, Refused.ALL));
		}
		// Double-encoded: decoded once they are plain names with a "%" in them.
		for (String raw : List.of("%252e%252e", "%252e%252e%252f%252e%252e%252fdata-secret.txt", "public%2f%252e%252e",
				"%25252e%25252e", "..%252f..%252fdata-secret.txt", "%255c..%255c..", "%2500")) {
			cases.add(new Case(raw, Refused.NONE));
		}
		// Overlong and invalid UTF-8, invalid escapes: never a way out, whatever the decoder makes of them.
		for (String raw : List.of("%c0%ae%c0%ae", "%c0%ae%c0%ae%c0%afdata-secret.txt", "%e0%80%ae%e0%80%ae", "%c1%9c",
				"%ff", "%fe%ff", "public%2f%c0%ae%c0%ae", "%", "%2", "%zz", "%%32%65%%32%65", "public%2f%c0%af..")) {
			cases.add(new Case(raw, Refused.NONE));
		}
		// Absolute paths.
		for (String path : List.of("/", "/etc/passwd", "/etc", "//etc/passwd", DATA + "/data-secret.txt",
				OUTSIDE + "/outside-secret.txt", "/sites/2", "/./", "/public", SITE + "/public")) {
			cases.add(literal(path, Refused.ALL));
		}
		// Backslashes, alone and mixed with slashes.
		for (String path : List.of("..\\", "..\\..\\data-secret.txt", "public\\..\\..\\..\\data-secret.txt",
				"public/..\\..", "\\etc\\passwd", "public\\index.html", "..\\/..", "/\\", "C:\\Windows\\win.ini",
				"public/css\\..\\..\\..")) {
			cases.add(literal(path, Refused.ALL));
		}
		// NUL and other control characters.
		for (String path : List.of("public/index.html\0", "\0", "public/\0/../..", "public/a\nb", "\t", "public/\r\n",
				"\u007f", "public/\u0085", "\u001b[31m", "public/\0index.html", "..\0", "public/out\0")) {
			cases.add(literal(path, Refused.ALL));
		}
		// Empty and "." segments.
		for (String path : List.of("public//index.html", "./public", "public/.", "public/./index.html", ".", "public/",
				"//", "public///css", "./", "private/./../../..", "public/out/", "public/etc/")) {
			cases.add(literal(path, Refused.ALL));
		}
		// Too long: a name over 255 bytes, a path over 4096 bytes.
		for (String path : List.of("a".repeat(256), "public/" + "b".repeat(256), "é".repeat(128),
				"d/".repeat(2049) + "d", ("c".repeat(250) + "/").repeat(17) + "c", "x".repeat(5000),
				"../" + "y".repeat(300))) {
			cases.add(literal(path, Refused.ALL));
		}
		// Long but acceptable.
		for (String path : List.of("a".repeat(255), "public/" + "é".repeat(127), "d/".repeat(100) + "x",
				"public/" + "z".repeat(255))) {
			cases.add(literal(path, Refused.NONE));
		}
		// Unicode look-alikes of dots and slashes: just names.
		for (String path : List.of("\u2024\u2024", "\u2024\u2024/\u2024\u2024/data-secret.txt", "\uff0e\uff0e",
				"\uff0e\uff0e/\uff0e\uff0e/data-secret.txt", "\u2025", "..\u2215..\u2215data-secret.txt",
				"..\uff0f..\uff0fdata-secret.txt", "\ufe52\ufe52", "..\u200b", "\u200b..", ".\u0338.", "\u2026",
				"public/\u2024\u2024", "..\u2044..", "\u0131\u0307", "public/\uff0e\uff0e/\uff0e\uff0e")) {
			cases.add(literal(path, Refused.NONE));
		}
		// Trailing dots and spaces: just names on Linux.
		for (String path : List.of("public/index.html.", "public/index.html ", "public. ", "public ", ".. ", " ..",
				"... ", "...", ".. /data-secret.txt", "public/.../x", "....", ". ", " .", "public/index.html...",
				"public/ ")) {
			cases.add(literal(path, Refused.NONE));
		}
		// Through each planted link, and each link itself.
		for (String link : List.of("public/out", "public/etc", "public/decoy", "public/other", "private/link.txt",
				"public/mid", "private/up")) {
			boolean readOnly = link.equals("public/etc");
			cases.add(new Case(TestHttp.query(link), Refused.THROUGH, readOnly));
			for (String suffix : List.of("/data-secret.txt", "/passwd", "/shadow", "/site-two-secret.txt",
					"/outside-secret.txt", "/sites/2/private/site-two-secret.txt", "/new", "/x/y", "/sites",
					"/inner/deep.txt")) {
				cases.add(new Case(TestHttp.query(link + suffix), Refused.ALL, readOnly));
			}
		}
		cases.add(new Case("public%2fetc%2fpasswd", Refused.ALL, true));
		for (String raw : List.of("public%2Fout%2Fdata-secret.txt", "public%2fdecoy%2fpasswd", "public/mid%2finner",
				"private%2Fup%2Fpublic")) {
			cases.add(new Case(raw, Refused.ALL));
		}
		// A hard link to a file outside: written by rename, deleted by unlink, never chmodded.
		cases.add(literal("private/hard.txt", Refused.NONE));
		// Query tricks.
		for (String raw : List.of("public&path=..%2f..", "..%2f..&path=public", "public%26path%3d..", "public;x",
				"public&from=..&to=..", "public%3F..")) {
			cases.add(new Case(raw, Refused.NONE));
		}
		return cases;
	}

	private static Case literal(String path, Refused refused) {
		return new Case(TestHttp.query(path), refused);
	}

	/** The secret an answer carries, or null: in its text or, for a zip, in its entries' names and contents. */
	private static String leak(String target, Answer answer) {
		if (answer.status() != 200) {
			return null;
		}
		StringBuilder text = new StringBuilder(answer.text());
		if (target.startsWith("/sites/1/files/zip")) {
			try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer.body()))) {
				for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
					text.append(entry.getName()).append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				return "an unreadable zip";
			}
		}
		// An answer may echo the name it was asked for; harmless names may look like a secret one.
		String asked = decoded(target);
		return SECRETS.stream()
			.filter(secret -> text.indexOf(secret) >= 0 && !asked.contains(secret))
			.findFirst()
			.orElse(null);
	}

	private static String decoded(String target) {
		try {
			return URLDecoder.decode(target, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return target;
		}
	}

	/** The data root with sites 1 and 2, a directory elsewhere, and links in site 1 that lead out. */
	private static void plant() throws IOException {
		Files.writeString(DATA.resolve("data-secret.txt"), "DATA-SECRET-7f3a");
		Files.createDirectories(DATA.resolve("secrets"));
		Files.writeString(DATA.resolve("secrets/orchestrator.key"), "DATA-SECRET-7f3a key");
		Path two = DATA.resolve("sites/2");
		Files.createDirectories(two.resolve("public"));
		Files.createDirectories(two.resolve("private"));
		Files.createDirectories(two.resolve(".home"));
		Files.writeString(two.resolve("private/site-two-secret.txt"), "SITE-TWO-SECRET-91c2");
		Files.writeString(two.resolve("public/index.html"), "SITE-TWO-SECRET-91c2 page");
		Files.createDirectories(OUTSIDE.resolve("inner"));
		Files.writeString(OUTSIDE.resolve("outside-secret.txt"), "OUTSIDE-SECRET-5be0");
		Files.writeString(OUTSIDE.resolve("inner/deep.txt"), "OUTSIDE-SECRET-5be0 deep");
		Files.writeString(OUTSIDE.resolve("hard-target.txt"), "HARD");
		Files.setPosixFilePermissions(OUTSIDE.resolve("hard-target.txt"), PosixFilePermissions.fromString("rw-------"));
		Files.writeString(DECOY.resolve("passwd"), "root:x:0:0:decoy");
		Files.writeString(DECOY.resolve("shadow"), "DATA-SECRET-7f3a shadow");
		replantSiteOne();
	}

	/** Site 1 as it was, links and all, so that every crafted path meets the same traps. */
	private static void replantSiteOne() {
		try {
			FileSystemUtils.deleteRecursively(SITE);
			Files.createDirectories(SITE.resolve("public/css"));
			Files.createDirectories(SITE.resolve("private"));
			Files.createDirectories(SITE.resolve(".home"));
			Files.writeString(SITE.resolve("public/index.html"), "<h1>one</h1>");
			Files.writeString(SITE.resolve("public/about.html"), "about");
			Files.createSymbolicLink(SITE.resolve("public/out"), Path.of("../../.."));
			Files.createSymbolicLink(SITE.resolve("public/etc"), Path.of("/etc"));
			Files.createSymbolicLink(SITE.resolve("public/decoy"), DECOY);
			Files.createSymbolicLink(SITE.resolve("public/other"), Path.of("../../2/private"));
			Files.createSymbolicLink(SITE.resolve("private/link.txt"), OUTSIDE.resolve("outside-secret.txt"));
			Files.createSymbolicLink(SITE.resolve("public/mid"), OUTSIDE);
			Files.createSymbolicLink(SITE.resolve("private/up"), Path.of(".."));
			Files.createLink(SITE.resolve("private/hard.txt"), OUTSIDE.resolve("hard-target.txt"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A SHA-256 over every path, type, mode, link target and content outside site 1, and of some host files. */
	private static String checksum() throws IOException {
		MessageDigest digest = sha256();
		for (Path root : List.of(DATA, OUTSIDE, DECOY)) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter(file -> !file.startsWith(SITE)).sorted().toList()) {
					digest.update((root.relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
					if (Files.isSymbolicLink(file)) {
						digest.update(("link " + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
						continue;
					}
					digest.update(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
						.getBytes(StandardCharsets.UTF_8));
					if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
						digest.update(Files.readAllBytes(file));
					}
				}
			}
		}
		for (Path file : HOST_FILES) {
			if (Files.isReadable(file)) {
				digest.update(Files.readAllBytes(file));
				digest.update(Files.getPosixFilePermissions(file).toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Sends a signed HTTP/1.0 request over a raw socket, so that any target, even one {@link java.net.URI} refuses,
	 * goes out exactly as signed.
	 */
	private Answer send(String method, String target, byte[] body) {
		StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n");
		head.append("Content-Length: ").append(body.length).append("\r\n");
		if (body.length > 0) {
			head.append("Content-Type: application/octet-stream\r\n");
		}
		new RequestSigner("manager", SigningKey.of(TestHttp.KEY))
			.headers(method, target, body)
			.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] response = in.readAllBytes();
			String text = new String(response, StandardCharsets.ISO_8859_1);
			int status = Integer.parseInt(text.substring(9, 12));
			int start = text.indexOf("\r\n\r\n");
			byte[] payload = start < 0 ? new byte[0]
					: Arrays.copyOfRange(response, start + 4, response.length);
			return new Answer(status, payload);
		}
		catch (IOException | RuntimeException ex) {
			return new Answer(0, ex.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * An answer.
	 * @param status the HTTP status, 0 if there was none
	 * @param body its body
	 */
	record Answer(int status, byte[] body) {

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

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
