package edu.tjhsst.director.manager.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.FileContent;
import edu.tjhsst.director.manager.remote.SiteFilesClient;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;

/** The editor's JSON API: the tree, opening and saving files, and creating, moving and deleting them. */
@RestController
@RequestMapping("/sites/{siteId}/files/api")
class FileApiController {

	private final SiteFilesClient files;

	private final SiteAccess access;

	private final CurrentUser currentUser;

	FileApiController(SiteFilesClient files, SiteAccess access, CurrentUser currentUser) {
		this.files = files;
		this.access = access;
		this.currentUser = currentUser;
	}

	@GetMapping("/tree")
	JsonNode tree(@PathVariable long siteId, Principal principal) {
		require(siteId, principal);
		return files.tree(siteId);
	}

	@GetMapping("/list")
	JsonNode list(@PathVariable long siteId, @RequestParam(defaultValue = "") String path, Principal principal) {
		require(siteId, principal);
		return files.list(siteId, FilePaths.check(path));
	}

	@GetMapping("/usage")
	JsonNode usage(@PathVariable long siteId, Principal principal) {
		require(siteId, principal);
		return files.usage(siteId);
	}

	/** A file opened for editing: its text and version, or only {@code binary: true} when it is not text. */
	@GetMapping("/content")
	OpenedFile open(@PathVariable long siteId, @RequestParam String path, Principal principal) {
		require(siteId, principal);
		String checked = FilePaths.check(path);
		FileContent content = files.content(siteId, checked);
		String text = content.binary() ? null : utf8(content.bytes());
		return new OpenedFile(checked, content.version(), text == null, text);
	}

	/** Saves text the editor opened at {@code version}; a 409 says the file changed on disk meanwhile. */
	@PutMapping("/content")
	Map<String, String> save(@PathVariable long siteId, @RequestParam String path,
			@RequestParam(required = false) String version, InputStream body, Principal principal)
			throws IOException {
		requireChangeable(siteId, principal);
		String checked = FilePaths.check(path);
		byte[] bytes = body.readNBytes(FilePaths.MAX_FILE_BYTES + 1);
		if (bytes.length > FilePaths.MAX_FILE_BYTES) {
			throw new FileRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most 16 MiB.");
		}
		String blankToNull = version == null || version.isBlank() ? null : version;
		return Map.of("version", files.save(siteId, checked, bytes, blankToNull));
	}

	/** Creates an empty file, refusing to replace one that exists. */
	@PostMapping("/create")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> create(@PathVariable long siteId, @RequestParam String path, Principal principal) {
		requireChangeable(siteId, principal);
		String checked = FilePaths.check(path);
		String name = FilePaths.name(checked);
		boolean exists;
		try {
			exists = files.list(siteId, FilePaths.parent(checked)).path("entries").findValuesAsText("name").contains(name);
		}
		catch (ComponentCallException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND.value()) {
				throw ex;
			}
			exists = false;
		}
		if (exists) {
			throw new FileRequestException(HttpStatus.CONFLICT, checked + " already exists.");
		}
		return Map.of("version", files.save(siteId, checked, new byte[0], null));
	}

	@PostMapping("/mkdir")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> mkdir(@PathVariable long siteId, @RequestParam String path, Principal principal) {
		requireChangeable(siteId, principal);
		files.mkdir(siteId, FilePaths.check(path));
		return Map.of("path", path);
	}

	@PostMapping("/move")
	Map<String, String> move(@PathVariable long siteId, @RequestParam String from, @RequestParam String to,
			Principal principal) {
		requireChangeable(siteId, principal);
		files.move(siteId, FilePaths.check(from), FilePaths.check(to));
		return Map.of("path", to);
	}

	@DeleteMapping
	Map<String, String> delete(@PathVariable long siteId, @RequestParam String path,
			@RequestParam(defaultValue = "false") boolean recursive, Principal principal) {
		requireChangeable(siteId, principal);
		files.delete(siteId, FilePaths.check(path), recursive);
		return Map.of("path", path);
	}

	@PostMapping("/chmod")
	Map<String, String> chmod(@PathVariable long siteId, @RequestParam String path, @RequestParam String mode,
			Principal principal) {
		requireChangeable(siteId, principal);
		if (!mode.matches("[0-7]{3,4}")) {
			throw new FileRequestException(HttpStatus.BAD_REQUEST, "Permissions are three octal digits, like 644 or 755.");
		}
		files.chmod(siteId, FilePaths.check(path), mode);
		return Map.of("path", path, "mode", mode);
	}

	private void require(long siteId, Principal principal) {
		access.require(siteId, currentUser.of(principal));
	}

	/** Reading is for everyone who may see the site; changing is refused while an administrator disabled it. */
	private void requireChangeable(long siteId, Principal principal) {
		access.requireChangeable(siteId, currentUser.of(principal));
	}

	/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (and so not for the text editor). */
	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * A file as the editor opens it.
	 * @param text the file's text, or null when it is binary
	 */
	record OpenedFile(String path, String version, boolean binary, String text) {
	}

}
