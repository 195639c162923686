package edu.tjhsst.director.manager.file;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import edu.tjhsst.director.manager.api.ApiController;
import edu.tjhsst.director.manager.api.ApiRequestException;
import edu.tjhsst.director.manager.remote.FileContent;
import edu.tjhsst.director.manager.remote.SiteFilesClient;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * A site's files through the API, for scripts: a folder's entries, a file's bytes (with its version as the
 * {@code ETag}), and writing one (with {@code If-Match} to refuse, with 409, writing over a change made since it was
 * read). The same rules as the editor: whoever may see the site reads, and writes unless an administrator disabled
 * it; the app server confines every path to the site.
 */
@ApiController
@RequestMapping("/api/v1/sites/{siteId}/files")
class FilesApiController {

	/** Writes holding their file in memory at once, in all: 8 × 16 MiB at most. */
	static final int WRITES_AT_ONCE = 8;

	private static final Duration BUSY_RETRY = Duration.ofSeconds(5);

	private final Semaphore writing = new Semaphore(WRITES_AT_ONCE);

	private final SiteFilesClient files;

	private final SiteAccess access;

	private final CurrentUser currentUser;

	FilesApiController(SiteFilesClient files, SiteAccess access, CurrentUser currentUser) {
		this.files = files;
		this.access = access;
		this.currentUser = currentUser;
	}

	/** The entries of a folder of the site ({@code path} relative to the site's folder; none for the folder itself). */
	@GetMapping
	JsonNode list(@PathVariable long siteId, @RequestParam(defaultValue = "") String path, Principal principal) {
		access.require(siteId, currentUser.of(principal));
		return files.list(siteId, checked(path));
	}

	/** A file's bytes, up to the app server's reading limit (5 MiB unless set otherwise), and its version. */
	@GetMapping("/content")
	ResponseEntity<byte[]> read(@PathVariable long siteId, @RequestParam String path, Principal principal) {
		access.require(siteId, currentUser.of(principal));
		FileContent content = files.content(siteId, checked(path));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
			.eTag("\"" + content.version() + "\"").body(content.bytes());
	}

	/**
	 * Writes a file (made if missing) with the body's bytes, up to 16 MiB. With {@code If-Match} naming the version
	 * read, a file changed since is left as it is and the answer is 409.
	 */
	@PutMapping(path = "/content", consumes = MediaType.ALL_VALUE)
	ResponseEntity<Map<String, String>> write(@PathVariable long siteId, @RequestParam String path,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, InputStream body, Principal principal)
			throws IOException {
		access.requireChangeable(siteId, currentUser.of(principal));
		String checked = checked(path);
		String version = version(ifMatch);
		// Each write holds its file in memory until the app server has it: only a few at once.
		if (!writing.tryAcquire()) {
			throw new ApiRequestException(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many files are being written at once; try again in a moment.", Map.of(), BUSY_RETRY);
		}
		try {
			byte[] bytes = body.readNBytes(FilePaths.MAX_FILE_BYTES + 1);
			if (bytes.length > FilePaths.MAX_FILE_BYTES) {
				throw new ApiRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most 16 MiB.");
			}
			String written = files.save(siteId, checked, bytes, version);
			return ResponseEntity.ok().eTag("\"" + written + "\"").body(Map.of("path", checked, "version", written));
		}
		finally {
			writing.release();
		}
	}

	/**
	 * The version an {@code If-Match} names, or null for none or {@code *} (write whatever is there); one strong tag
	 * only.
	 */
	private static String version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		String tag = ifMatch.strip();
		if (!tag.matches("\"[A-Za-z0-9._:-]{1,128}\"")) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"If-Match names one version, as the ETag of the file gave it (in quotes).");
		}
		return tag.substring(1, tag.length() - 1);
	}

	/** The path as the editor checks it, or a 400 problem. */
	private static String checked(String path) {
		try {
			return FilePaths.check(path);
		}
		catch (FileRequestException ex) {
			throw new ApiRequestException(ex.status(), ex.getMessage());
		}
	}

}
