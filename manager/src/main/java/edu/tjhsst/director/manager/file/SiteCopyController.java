package edu.tjhsst.director.manager.file;

import java.io.InputStream;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.manager.database.SiteDatabases;
import edu.tjhsst.director.manager.remote.FileDownload;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.SiteFilesClient;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * {@code GET /sites/{id}/copy}: a site's members (and administrators) download its files and a dump of its database
 * as one zip ({@link SiteCopyZip}). The dump is made with the site's own credentials, as the site itself would.
 */
@RestController
class SiteCopyController {

	private final SiteAccess access;

	private final CurrentUser currentUser;

	private final SiteFilesClient files;

	private final OrchestratorClient orchestrator;

	private final SiteDatabases databases;

	SiteCopyController(SiteAccess access, CurrentUser currentUser, SiteFilesClient files, OrchestratorClient orchestrator,
			SiteDatabases databases) {
		this.access = access;
		this.currentUser = currentUser;
		this.files = files;
		this.orchestrator = orchestrator;
		this.databases = databases;
	}

	@GetMapping("/sites/{siteId}/copy")
	ResponseEntity<StreamingResponseBody> copy(@PathVariable long siteId, Principal principal) {
		Site site = access.require(siteId, currentUser.of(principal));
		DatabaseAccess database = databases.readyAccess(site).orElse(null);
		// Both are asked for before a byte is sent: a refusal (files too large, the database server down) answers
		// with its message, never with a zip cut short.
		Optional<FileDownload> dump = Optional.ofNullable(database).map(found -> orchestrator.databaseDump(siteId, found));
		FileDownload folder;
		try {
			folder = files.zip(siteId, "");
		}
		catch (RuntimeException ex) {
			dump.ifPresent(SiteCopyController::close);
			throw ex;
		}
		InputStream sql = dump.map(FileDownload::body).orElse(null);
		StreamingResponseBody body = out -> SiteCopyZip.write(site.name(), folder.body(), sql, database, out);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(site.name() + "-copy-" + LocalDate.now() + ".zip").build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(body);
	}

	private static void close(FileDownload download) {
		try {
			download.body().close();
		}
		catch (java.io.IOException ex) {
			// Nothing more to read from it.
		}
	}

}
