package edu.tjhsst.director.orchestrator.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.TestHttp;

/** Each endpoint of the files API over real, signed HTTP against a real site directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileApiTests {

	private static final Path DATA = temporaryDirectory();

	private static final Path SITE = DATA.resolve("sites/1");

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "dt-no-such-service");
		registry.add("director.files.max-read", () -> "2KB");
		registry.add("director.files.max-download", () -> "64KB");
		registry.add("director.files.max-upload", () -> "32KB");
		registry.add("director.files.max-zip", () -> "48KB");
	}

	@AfterAll
	static void removeData() throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
	}

	@BeforeEach
	void freshSite() throws IOException {
		http = new TestHttp(port);
		FileSystemUtils.deleteRecursively(SITE);
		Files.createDirectories(SITE.resolve("public/css"));
		Files.createDirectories(SITE.resolve("private"));
		Files.createDirectories(SITE.resolve(".home"));
		Files.writeString(SITE.resolve("public/index.html"), "<h1>hi</h1>");
		Files.writeString(SITE.resolve("public/about.html"), "about");
		Files.writeString(SITE.resolve("public/css/site.css"), "body {}");
		Files.setPosixFilePermissions(SITE.resolve("public/index.html"), PosixFilePermissions.fromString("rw-r--r--"));
	}

	@Test
	void aListingShowsFoldersFirstThenFilesByNameWithTheirDetails() throws IOException {
		JsonNode listing = json(get("list", "public"));

		assertThat(listing.get("path").asText()).isEqualTo("public");
		assertThat(names(listing.get("entries"))).containsExactly("css", "about.html", "index.html");
		JsonNode index = listing.get("entries").get(2);
		assertThat(index.get("path").asText()).isEqualTo("public/index.html");
		assertThat(index.get("type").asText()).isEqualTo("file");
		assertThat(index.get("size").asLong()).isEqualTo(11);
		assertThat(index.get("mode").asText()).isEqualTo("644");
		assertThat(index.get("modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(listing.get("entries").get(0).get("type").asText()).isEqualTo("dir");
	}

	@Test
	void theRootIsListedWhenNoPathIsGiven() throws IOException {
		JsonNode listing = json(http.signedBytes("GET", "/sites/1/files/list", new byte[0]));

		assertThat(listing.get("path").asText()).isEmpty();
		assertThat(names(listing.get("entries"))).containsExactly(".home", "private", "public");
	}

	@Test
	void aLinkIsListedAsALinkAndNotFollowed() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/docs"), Path.of("css"));

		JsonNode listing = json(get("list", "public"));

		assertThat(names(listing.get("entries"))).containsExactly("css", "about.html", "docs", "index.html");
		assertThat(listing.get("entries").get(2).get("type").asText()).isEqualTo("link");
		assertThat(get("list", "public/docs").status()).isEqualTo(400);
	}

	@Test
	void listingAFileOrSomethingMissingOrAnUnknownSiteIsRefused() {
		TestHttp.BinaryResponse file = get("list", "public/index.html");
		TestHttp.BinaryResponse missing = get("list", "public/nothing");
		TestHttp.BinaryResponse noSite = http.signedBytes("GET", "/sites/99/files/list?path=public", new byte[0]);

		assertThat(file.status()).isEqualTo(400);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(noSite.status()).isEqualTo(404);
		assertThat(noSite.text()).isEqualTo("{\"error\":\"no such site\"}");
	}

	@Test
	void theTreeHoldsEveryEntryDepthFirstWithFoldersBeforeTheirContents() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/up"), Path.of(".."));

		JsonNode tree = json(http.signedBytes("GET", "/sites/1/files/tree", new byte[0]));

		assertThat(tree.get("truncated").asBoolean()).isFalse();
		List<String> paths = new ArrayList<>();
		tree.get("entries").forEach(entry -> paths.add(entry.get("path").asText()));
		assertThat(paths).containsExactly(".home", "private", "public", "public/css", "public/css/site.css",
				"public/about.html", "public/index.html", "public/up");
	}

	@Test
	void contentComesWithAVersionAndIsMarkedAsText() {
		TestHttp.BinaryResponse response = get("content", "public/index.html");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text()).isEqualTo("<h1>hi</h1>");
		assertThat(response.header("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.header("X-File-Version")).get().asString().startsWith("11-");
		assertThat(response.header("X-File-Binary")).hasValue("false");
	}

	@Test
	void textIsToldFromBinaryByNulBytesAndInvalidUtf8() throws IOException {
		Files.writeString(SITE.resolve("public/unicode.txt"), "héllo ✓ 𝄞");
		Files.write(SITE.resolve("public/nul.bin"), new byte[] { 'a', 0, 'b' });
		Files.write(SITE.resolve("public/latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xe9 });

		assertThat(get("content", "public/unicode.txt").header("X-File-Binary")).hasValue("false");
		assertThat(get("content", "public/nul.bin").header("X-File-Binary")).hasValue("true");
		assertThat(get("content", "public/latin1.txt").header("X-File-Binary")).hasValue("true");
	}

	@Test
	void aFileLargerThanTheReadLimitIsRefusedWith413() throws IOException {
		Files.write(SITE.resolve("public/big.txt"), new byte[3000]);

		TestHttp.BinaryResponse response = get("content", "public/big.txt");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text()).isEqualTo(
				"{\"error\":\"public/big.txt is too large to open in the editor (0.1 MiB); download it instead\"}");
	}

	@Test
	void openingAFolderOrAMissingFileIsRefused() {
		assertThat(get("content", "public").status()).isEqualTo(400);
		assertThat(get("content", "public/nothing.html").status()).isEqualTo(404);
	}

	@Test
	void savingWithTheCurrentVersionReplacesTheFileAndKeepsItsMode() throws IOException {
		Files.setPosixFilePermissions(SITE.resolve("public/index.html"), PosixFilePermissions.fromString("rw-rw----"));
		String version = get("content", "public/index.html").header("X-File-Version").orElseThrow();

		TestHttp.BinaryResponse saved = put("public/index.html", version, "<h1>new</h1>");

		assertThat(saved.status()).isEqualTo(200);
		String newVersion = json(saved).get("version").asText();
		assertThat(newVersion).isNotEqualTo(version);
		assertThat(SITE.resolve("public/index.html")).hasContent("<h1>new</h1>");
		assertThat(mode("public/index.html")).isEqualTo("rw-rw----");
		assertThat(get("content", "public/index.html").header("X-File-Version")).hasValue(newVersion);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void savingWithAStaleVersionIsRefusedWith409AndWritesNothing() throws IOException {
		String version = get("content", "public/index.html").header("X-File-Version").orElseThrow();
		assertThat(put("public/index.html", version, "first").status()).isEqualTo(200);
		String current = get("content", "public/index.html").header("X-File-Version").orElseThrow();

		TestHttp.BinaryResponse conflict = put("public/index.html", version, "second");

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(json(conflict).get("error").asText()).isEqualTo("The file changed on disk since it was opened.");
		assertThat(json(conflict).get("version").asText()).isEqualTo(current);
		assertThat(SITE.resolve("public/index.html")).hasContent("first");
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void savingAFileThatWasDeletedMeanwhileIsAConflictWithAnEmptyVersion() throws IOException {
		String version = get("content", "public/about.html").header("X-File-Version").orElseThrow();
		Files.delete(SITE.resolve("public/about.html"));

		TestHttp.BinaryResponse conflict = put("public/about.html", version, "back");

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(json(conflict).get("version").asText()).isEmpty();
		assertThat(SITE.resolve("public/about.html")).doesNotExist();
	}

	@Test
	void savingWithoutAVersionCreatesA644FileOrOverwrites() throws IOException {
		assertThat(put("public/new.txt", null, "fresh").status()).isEqualTo(200);
		assertThat(put("public/about.html", null, "over").status()).isEqualTo(200);
		assertThat(put("public/empty.txt", null, "").status()).isEqualTo(200);

		assertThat(SITE.resolve("public/new.txt")).hasContent("fresh");
		assertThat(mode("public/new.txt")).isEqualTo("rw-r--r--");
		assertThat(SITE.resolve("public/about.html")).hasContent("over");
		assertThat(SITE.resolve("public/empty.txt")).isEmptyFile();
	}

	@Test
	void savingIntoAMissingFolderOrOverAFolderIsRefused() {
		TestHttp.BinaryResponse missing = put("public/nope/new.txt", null, "x");

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.text()).isEqualTo("{\"error\":\"no such folder: public/nope\"}");
		assertThat(put("public/css", null, "x").status()).isEqualTo(400);
		assertThat(put("", null, "x").status()).isEqualTo(400);
	}

	@Test
	void aSaveLargerThanTheUploadLimitIsRefusedWith413() throws IOException {
		TestHttp.BinaryResponse response = put("public/huge.bin", null, "x".repeat(40 * 1024));

		assertThat(response.status()).isEqualTo(413);
		assertThat(SITE.resolve("public/huge.bin")).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void newFilesAndFoldersBelongToTheSitesOwnUserAndARewrittenFileKeepsItsOwner() throws IOException {
		Files.setAttribute(SITE.resolve("public/about.html"), "unix:uid", 1234);
		String version = get("content", "public/about.html").header("X-File-Version").orElseThrow();

		assertThat(put("public/new.html", null, "<p>new</p>").status()).isEqualTo(200);
		assertThat(post("mkdir", "path=" + TestHttp.query("public/uploads")).status()).isEqualTo(201);
		assertThat(put("public/about.html", version, "<p>changed</p>").status()).isEqualTo(200);

		assertThat(Files.getAttribute(SITE.resolve("public/new.html"), "unix:uid")).isEqualTo(SiteUsers.uid(1));
		assertThat(Files.getAttribute(SITE.resolve("public/new.html"), "unix:gid")).isEqualTo(SiteUsers.uid(1));
		assertThat(Files.getAttribute(SITE.resolve("public/uploads"), "unix:uid")).isEqualTo(SiteUsers.uid(1));
		assertThat(Files.getAttribute(SITE.resolve("public/about.html"), "unix:uid")).isEqualTo(1234);
	}

	@Test
	void mkdirMakesA755FolderOnceAndNeedsItsParent() throws IOException {
		TestHttp.BinaryResponse made = post("mkdir", "path=" + TestHttp.query("public/img"));

		assertThat(made.status()).isEqualTo(201);
		assertThat(made.text()).isEqualTo("{\"path\":\"public/img\"}");
		assertThat(SITE.resolve("public/img")).isDirectory();
		assertThat(mode("public/img")).isEqualTo("rwxr-xr-x");
		assertThat(post("mkdir", "path=" + TestHttp.query("public/img")).status()).isEqualTo(409);
		assertThat(post("mkdir", "path=" + TestHttp.query("public/a/b")).status()).isEqualTo(404);
	}

	@Test
	void moveRenamesAndRefusesToOverwriteOrToMoveIntoItself() throws IOException {
		assertThat(move("public/about.html", "private/about.html").status()).isEqualTo(200);
		assertThat(SITE.resolve("private/about.html")).hasContent("about");
		assertThat(SITE.resolve("public/about.html")).doesNotExist();

		assertThat(move("private/about.html", "public/index.html").status()).isEqualTo(409);
		assertThat(move("public", "public/css/public").status()).isEqualTo(400);
		assertThat(move("", "moved").status()).isEqualTo(400);
		assertThat(move("public/nothing", "public/else").status()).isEqualTo(404);
		assertThat(move("public/css", "private/styles").status()).isEqualTo(200);
		assertThat(SITE.resolve("private/styles/site.css")).hasContent("body {}");
	}

	@Test
	void aLinkIsMovedAsALink() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/docs"), Path.of("css"));

		assertThat(move("public/docs", "private/docs").status()).isEqualTo(200);

		assertThat(Files.isSymbolicLink(SITE.resolve("private/docs"))).isTrue();
		assertThat(Files.readSymbolicLink(SITE.resolve("private/docs"))).isEqualTo(Path.of("css"));
		assertThat(SITE.resolve("public/css/site.css")).exists();
	}

	@Test
	void aFolderThatIsNotEmptyIsDeletedOnlyWhenRecursive() {
		TestHttp.BinaryResponse refused = delete("public/css", false);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(SITE.resolve("public/css/site.css")).exists();
		assertThat(delete("public/css", true).status()).isEqualTo(200);
		assertThat(SITE.resolve("public/css")).doesNotExist();
		assertThat(delete("public/index.html", false).status()).isEqualTo(200);
		assertThat(SITE.resolve("public/index.html")).doesNotExist();
		assertThat(delete("public/index.html", false).status()).isEqualTo(404);
	}

	@Test
	void recursiveMustBeTrueOrFalse() {
		TestHttp.BinaryResponse response = http.signedBytes("DELETE", "/sites/1/files?path=public&recursive=yes",
				new byte[0]);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text()).isEqualTo("{\"error\":\"recursive must be true or false\"}");
		assertThat(SITE.resolve("public")).isDirectory();
	}

	@Test
	void theRootCannotBeDeleted() {
		assertThat(delete("", true).status()).isEqualTo(400);
		assertThat(SITE.resolve("public")).isDirectory();
	}

	@Test
	void deletingALinkRemovesTheLinkNotItsTarget() throws IOException {
		Files.createSymbolicLink(SITE.resolve("private/css"), SITE.resolve("public/css"));

		assertThat(delete("private/css", true).status()).isEqualTo(200);

		assertThat(Files.exists(SITE.resolve("private/css"), LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(SITE.resolve("public/css/site.css")).hasContent("body {}");
	}

	@Test
	void chmodSetsPermissionBitsAndRefusesSpecialBits() throws IOException {
		assertThat(chmod("public/index.html", "755").status()).isEqualTo(200);
		assertThat(mode("public/index.html")).isEqualTo("rwxr-xr-x");
		assertThat(chmod("public/css", "0700").status()).isEqualTo(200);
		assertThat(mode("public/css")).isEqualTo("rwx------");

		TestHttp.BinaryResponse setuid = chmod("public/index.html", "4755");
		assertThat(setuid.status()).isEqualTo(400);
		assertThat(setuid.text()).isEqualTo("{\"error\":\"setuid, setgid and sticky bits are not allowed\"}");
		assertThat(chmod("public/index.html", "1777").status()).isEqualTo(400);
		assertThat(chmod("public/index.html", "rwx").status()).isEqualTo(400);
		assertThat(chmod("public/index.html", "888").status()).isEqualTo(400);
		assertThat(mode("public/index.html")).isEqualTo("rwxr-xr-x");
	}

	@Test
	void chmodOfALinkIsRefused() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/link.html"), Path.of("index.html"));

		assertThat(chmod("public/link.html", "600").status()).isEqualTo(400);
		assertThat(mode("public/index.html")).isEqualTo("rw-r--r--");
	}

	/**
	 * A site's process can hard-link only what it can reach in its own mount (and, with protected_hardlinks, only what
	 * it owns or may read and write), so reading such a file reveals nothing new; saving makes a new file, and the mode
	 * of a file with other names is left alone, so the other name never changes.
	 */
	@Test
	void aHardLinkedFileIsReadAndReplacedByANewFileButItsOtherNameIsNeverWrittenNorChmodded() throws IOException {
		Path other = DATA.resolve("other-name.txt");
		Files.writeString(other, "shared");
		Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
		Files.createLink(SITE.resolve("private/shared.txt"), other);

		assertThat(get("content", "private/shared.txt").text()).isEqualTo("shared");
		TestHttp.BinaryResponse chmod = chmod("private/shared.txt", "666");
		assertThat(chmod.status()).isEqualTo(400);
		assertThat(chmod.text()).contains("has other hard links");
		assertThat(put("private/shared.txt", null, "mine").status()).isEqualTo(200);

		assertThat(SITE.resolve("private/shared.txt")).hasContent("mine");
		assertThat(other).hasContent("shared");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rw-------");
		assertThat(Files.getAttribute(other, "unix:nlink")).isEqualTo(1);
		Files.delete(other);
	}

	@Test
	void aZipHoldsTheFolderByRelativeNamesWithoutLinks() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/up"), Path.of(".."));

		TestHttp.BinaryResponse response = get("zip", "public");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).hasValue("application/zip");
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
			for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
				entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries).containsOnlyKeys("css/", "css/site.css", "about.html", "index.html");
		assertThat(entries.get("css/site.css")).isEqualTo("body {}");
	}

	@Test
	void aZipLargerThanItsLimitIsRefusedBeforeStreaming() throws IOException {
		Files.write(SITE.resolve("private/a.bin"), new byte[30 * 1024]);
		Files.write(SITE.resolve("private/b.bin"), new byte[30 * 1024]);

		TestHttp.BinaryResponse response = get("zip", "private");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text()).startsWith("{\"error\":\"private is too large to download as a zip");
		assertThat(get("zip", "public").status()).isEqualTo(200);
	}

	@Test
	void aDownloadStreamsAnyRegularFileUpToItsLimit() throws IOException {
		byte[] bytes = new byte[10 * 1024];
		bytes[5] = 7;
		Files.write(SITE.resolve("private/data.bin"), bytes);
		Files.write(SITE.resolve("private/huge.bin"), new byte[70 * 1024]);

		TestHttp.BinaryResponse response = get("download", "private/data.bin");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.body()).isEqualTo(bytes);
		assertThat(get("download", "private/huge.bin").status()).isEqualTo(413);
		assertThat(get("download", "private").status()).isEqualTo(400);
	}

	@Test
	void usageCountsRegularFilesWithoutFollowingLinks() throws IOException {
		Files.createSymbolicLink(SITE.resolve("public/up"), Path.of(".."));

		JsonNode usage = json(http.signedBytes("GET", "/sites/1/files/usage", new byte[0]));

		assertThat(usage.get("files").asLong()).isEqualTo(3);
		assertThat(usage.get("bytes").asLong()).isEqualTo(11 + 5 + 7);
	}

	@Test
	void theFingerprintChangesAfterAWriteAndOnlyThen() {
		String first = fingerprint();
		assertThat(fingerprint()).isEqualTo(first);

		assertThat(put("public/index.html", null, "<h1>changed</h1>").status()).isEqualTo(200);

		String second = fingerprint();
		assertThat(second).isNotEqualTo(first);
		assertThat(fingerprint()).isEqualTo(second);
		assertThat(post("mkdir", "path=private%2Fnew").status()).isEqualTo(201);
		assertThat(fingerprint()).isNotEqualTo(second);
	}

	private String fingerprint() {
		TestHttp.BinaryResponse response = http.signedBytes("GET", "/sites/1/files/fingerprint", new byte[0]);
		try {
			return json(response).get("fingerprint").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private TestHttp.BinaryResponse get(String endpoint, String path) {
		return http.signedBytes("GET", "/sites/1/files/" + endpoint + "?path=" + TestHttp.query(path), new byte[0]);
	}

	private TestHttp.BinaryResponse post(String endpoint, String query) {
		return http.signedBytes("POST", "/sites/1/files/" + endpoint + "?" + query, new byte[0]);
	}

	private TestHttp.BinaryResponse put(String path, String version, String body) {
		String query = "?path=" + TestHttp.query(path) + (version == null ? "" : "&version=" + TestHttp.query(version));
		return http.signedBytes("PUT", "/sites/1/files/content" + query, body.getBytes(StandardCharsets.UTF_8));
	}

	private TestHttp.BinaryResponse move(String from, String to) {
		return post("move", "from=" + TestHttp.query(from) + "&to=" + TestHttp.query(to));
	}

	private TestHttp.BinaryResponse delete(String path, boolean recursive) {
		return http.signedBytes("DELETE", "/sites/1/files?path=" + TestHttp.query(path) + "&recursive=" + recursive,
				new byte[0]);
	}

	private TestHttp.BinaryResponse chmod(String path, String mode) {
		return post("chmod", "path=" + TestHttp.query(path) + "&mode=" + TestHttp.query(mode));
	}

	private static JsonNode json(TestHttp.BinaryResponse response) throws IOException {
		return JSON.readTree(response.body());
	}

	private static List<String> names(JsonNode entries) {
		List<String> names = new ArrayList<>();
		entries.forEach(entry -> names.add(entry.get("name").asText()));
		return names;
	}

	private static String mode(String path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(SITE.resolve(path), LinkOption.NOFOLLOW_LINKS));
	}

	/** Temporary files a save left behind. */
	private static List<Path> leftovers() throws IOException {
		try (var files = Files.walk(SITE)) {
			return files.filter(file -> file.getFileName().toString().startsWith(".director-")).toList();
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("orchestrator-files-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
