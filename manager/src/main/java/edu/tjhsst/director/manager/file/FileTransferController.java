package edu.tjhsst.director.manager.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import edu.tjhsst.director.manager.remote.FileDownload;
import edu.tjhsst.director.manager.remote.SiteFilesClient;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * Bytes in and out: uploads, downloads, zip archives and image previews. Nothing a site holds is ever served
 * inline from the portal's origin except the few image types, under their exact type and a CSP that allows
 * nothing; everything else is an attachment.
 */
@RestController
class FileTransferController {

	private final SiteFilesClient files;

	private final SiteAccess access;

	private final CurrentUser currentUser;

	FileTransferController(SiteFilesClient files, SiteAccess access, CurrentUser currentUser) {
		this.files = files;
		this.access = access;
		this.currentUser = currentUser;
	}

	/** Stores every uploaded file in the directory, replacing files of the same name; all or none pass the checks. */
	@PostMapping("/sites/{siteId}/files/api/upload")
	Map<String, List<String>> upload(@PathVariable long siteId, @RequestParam(defaultValue = "public") String directory,
			@RequestParam("files") List<MultipartFile> uploads, Principal principal) throws IOException {
		access.requireChangeable(siteId, currentUser.of(principal));
		String dir = FilePaths.check(directory);
		for (MultipartFile upload : uploads) {
			if (upload.getSize() > FilePaths.MAX_FILE_BYTES) {
				throw new FileRequestException(HttpStatus.PAYLOAD_TOO_LARGE,
						FilePaths.checkName(upload.getOriginalFilename()) + " is larger than 16 MiB, the most a file may be.");
			}
		}
		List<String> stored = new ArrayList<>();
		for (MultipartFile upload : uploads) {
			String path = FilePaths.join(dir, FilePaths.checkName(upload.getOriginalFilename()));
			files.save(siteId, path, upload.getBytes(), null);
			stored.add(path);
		}
		return Map.of("uploaded", stored);
	}

	/** Any file, always as an attachment of no particular type. */
	@GetMapping("/sites/{siteId}/files/download")
	ResponseEntity<InputStreamResource> download(@PathVariable long siteId, @RequestParam String path,
			Principal principal) {
		access.require(siteId, currentUser.of(principal));
		String checked = FilePaths.check(path);
		return attachment(files.download(siteId, checked), FilePaths.name(checked));
	}

	/** A png, jpeg, gif or webp image shown inline; any other file falls back to a download. */
	@GetMapping("/sites/{siteId}/files/preview")
	ResponseEntity<InputStreamResource> preview(@PathVariable long siteId, @RequestParam String path,
			Principal principal) {
		access.require(siteId, currentUser.of(principal));
		String checked = FilePaths.check(path);
		MediaType image = FilePaths.image(checked).orElse(null);
		FileDownload download = files.download(siteId, checked);
		if (image == null) {
			return attachment(download, FilePaths.name(checked));
		}
		return sized(ResponseEntity.ok(), download)
			.contentType(image)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename(FilePaths.name(checked), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'")
			.body(new InputStreamResource(download.body()));
	}

	/** A folder as {@code <site>-<folder>.zip}, streamed through from the orchestrator. */
	@GetMapping("/sites/{siteId}/files/zip")
	ResponseEntity<InputStreamResource> zip(@PathVariable long siteId, @RequestParam(defaultValue = "") String path,
			Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		String checked = FilePaths.check(path);
		FileDownload archive = files.zip(siteId, checked);
		return sized(ResponseEntity.ok(), archive)
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(FilePaths.zipName(site.name(), checked)).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(archive.body()));
	}

	private static ResponseEntity<InputStreamResource> attachment(FileDownload download, String name) {
		return sized(ResponseEntity.ok(), download)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'")
			.body(new InputStreamResource(download.body()));
	}

	private static ResponseEntity.BodyBuilder sized(ResponseEntity.BodyBuilder builder, FileDownload download) {
		return download.length() >= 0 ? builder.contentLength(download.length()) : builder;
	}

}
