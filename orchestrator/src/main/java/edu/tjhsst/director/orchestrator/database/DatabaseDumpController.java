package edu.tjhsst.director.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * {@code POST /sites/{id}/database/dump} with the site's {@link DatabaseAccess}: the database as SQL. The dump is
 * written to a private file first and sent once the tool has finished, so that a dump that fails midway answers with
 * an error, never with a truncated file that looks whole.
 */
@RestController
class DatabaseDumpController {

	private static final MediaType SQL = MediaType.parseMediaType("application/sql");

	private final DatabaseDumps dumps;

	DatabaseDumpController(DatabaseDumps dumps) {
		this.dumps = dumps;
	}

	@PostMapping("/sites/{id}/database/dump")
	ResponseEntity<StreamingResponseBody> dump(@PathVariable long id, @RequestBody DatabaseAccess access)
			throws IOException {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		// Mode 600 in a folder of root's: a dump holds the site's data.
		Path file = dumps.newFile();
		try {
			try (var out = Files.newOutputStream(file)) {
				dumps.dump(id, access, out);
			}
			long length = Files.size(file);
			StreamingResponseBody body = out -> {
				try (InputStream in = Files.newInputStream(file)) {
					in.transferTo(out);
				}
				finally {
					Files.deleteIfExists(file);
				}
			};
			return ResponseEntity.ok().contentType(SQL).contentLength(length).body(body);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

}
