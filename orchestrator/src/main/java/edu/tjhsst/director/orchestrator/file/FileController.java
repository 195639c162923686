package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * The files API of one site ({@code /sites/{id}/files/...}); every path is a query parameter relative to the site's
 * root and goes through {@link SitePaths}, which answers open handles, before anything touches the disk.
 */
@RestController
@RequestMapping("/sites/{id}/files")
class FileController {

	static final String VERSION_HEADER = "X-File-Version";

	static final String BINARY_HEADER = "X-File-Binary";

	private final FileReads reads;

	private final FileWrites writes;

	private final FileChanges changes;

	private final FolderZips zips;

	FileController(FileReads reads, FileWrites writes, FileChanges changes, FolderZips zips) {
		this.reads = reads;
		this.writes = writes;
		this.changes = changes;
		this.zips = zips;
	}

	/**
	 * Refuses a query with a parameter the server could not decode (such as {@code path=%zz}), which would otherwise
	 * go missing and so name the site's root.
	 */
	@ModelAttribute
	void refuseMalformedQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return;
		}
		for (String pair : query.split("&")) {
			String name = pair.split("=", 2)[0];
			if (!name.isEmpty() && !name.contains("%") && !name.contains("+") && request.getParameter(name) == null) {
				throw new RejectedInputException("the query parameter " + name + " is not well-formed");
			}
		}
	}

	@GetMapping("/list")
	FileReads.Listing list(@PathVariable long id, @RequestParam(required = false) String path) {
		return reads.list(id, path);
	}

	@GetMapping("/tree")
	FileReads.Tree tree(@PathVariable long id) {
		return reads.tree(id);
	}

	@GetMapping("/content")
	ResponseEntity<byte[]> content(@PathVariable long id, @RequestParam(required = false) String path) {
		FileReads.Content content = reads.content(id, path);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(VERSION_HEADER, content.version())
			.header(BINARY_HEADER, Boolean.toString(content.binary()))
			.body(content.bytes());
	}

	@GetMapping("/download")
	void download(@PathVariable long id, @RequestParam(required = false) String path, HttpServletResponse response)
			throws IOException {
		FileReads.Download download = reads.download(id, path);
		try (InputStream in = Channels.newInputStream(download.channel())) {
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setContentLengthLong(download.size());
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(download.name()));
			OutputStream out = response.getOutputStream();
			in.transferTo(out);
			out.flush();
		}
	}

	@PutMapping("/content")
	Written write(@PathVariable long id, @RequestParam(required = false) String path,
			@RequestParam(required = false) String version, InputStream body) {
		return new Written(writes.write(id, path, version, body));
	}

	@PostMapping("/mkdir")
	ResponseEntity<Done> mkdir(@PathVariable long id, @RequestParam(required = false) String path) {
		return ResponseEntity.status(HttpStatus.CREATED).body(new Done(changes.mkdir(id, path).toString()));
	}

	@PostMapping("/move")
	Moved move(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		changes.move(id, from, to);
		return new Moved(RelativePath.parse(from).toString(), RelativePath.parse(to).toString());
	}

	@DeleteMapping
	Done delete(@PathVariable long id, @RequestParam(required = false) String path,
			@RequestParam(required = false) String recursive) {
		// Strictly true or false: Spring would also take "yes", "on" and "1" for true, on a destructive flag.
		if (recursive != null && !recursive.equals("true") && !recursive.equals("false")) {
			throw new RejectedInputException("recursive must be true or false");
		}
		changes.delete(id, path, "true".equals(recursive));
		return new Done(RelativePath.parse(path).toString());
	}

	@PostMapping("/chmod")
	Chmodded chmod(@PathVariable long id, @RequestParam(required = false) String path,
			@RequestParam(required = false) String mode) {
		changes.chmod(id, path, mode);
		return new Chmodded(RelativePath.parse(path).toString(), mode);
	}

	@GetMapping("/zip")
	void zip(@PathVariable long id, @RequestParam(required = false) String path, HttpServletResponse response)
			throws IOException {
		try (ConfinedPath folder = zips.prepare(id, path)) {
			response.setContentType("application/zip");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(FolderZips.fileName(folder)));
			OutputStream out = response.getOutputStream();
			zips.write(folder, out);
			out.flush();
		}
	}

	@GetMapping("/usage")
	FileReads.Usage usage(@PathVariable long id) {
		return reads.usage(id);
	}

	@GetMapping("/fingerprint")
	FileReads.Fingerprint fingerprint(@PathVariable long id) {
		return reads.fingerprint(id);
	}

	private static String attachment(String name) {
		return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
	}

	/**
	 * The answer to a save.
	 * @param version the file's new version
	 */
	record Written(String version) {
	}

	/**
	 * The answer to a change of one entry.
	 * @param path the entry, relative to the site's root
	 */
	record Done(String path) {
	}

	/**
	 * The answer to a move.
	 * @param from where the entry was
	 * @param to where it is now
	 */
	record Moved(String from, String to) {
	}

	/**
	 * The answer to a change of permissions.
	 * @param path the entry
	 * @param mode its new permission bits in octal
	 */
	record Chmodded(String path, String mode) {
	}

}
