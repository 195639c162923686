package edu.tjhsst.director.manager.file;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import edu.tjhsst.director.common.signing.ComponentCallException;

/**
 * Turns every failure of the file API into {@code {"error": "..."}} with a fitting status: the orchestrator's
 * refusals keep their status and message (a full disk's 507 among them); an unreachable app server is a 503; never
 * a stack trace. A disabled site and what is not found are {@link edu.tjhsst.director.manager.system.PortalErrors}'s,
 * in the same shape.
 */
@RestControllerAdvice(assignableTypes = { FileApiController.class, FileTransferController.class,
		SiteCopyController.class })
class FileApiErrors {

	private static final Logger log = LoggerFactory.getLogger(FileApiErrors.class);

	@ExceptionHandler
	ResponseEntity<Map<String, String>> orchestrator(ComponentCallException ex) {
		int status = ex.status();
		if (status == 0) {
			log.warn("file API: the orchestrator is unreachable: {}", ex.getMessage());
			return error(HttpStatus.SERVICE_UNAVAILABLE, "The app server could not be reached.");
		}
		if (status == 401 || status == 403) {
			// The manager's own credentials were refused: a set-up problem, not the person's.
			log.error("file API: the orchestrator refused the manager's signature: {}", ex.getMessage());
			return error(HttpStatus.BAD_GATEWAY, "The app server refused the portal's request.");
		}
		if (status >= 400 && status < 500) {
			return error(status, ex.getMessage());
		}
		if (status == HttpStatus.INSUFFICIENT_STORAGE.value()) {
			// The site's files take all the space they may: a refusal, not a failure, and its message says how to
			// make room.
			return error(HttpStatus.INSUFFICIENT_STORAGE, ex.getMessage());
		}
		log.warn("file API: the orchestrator failed with {}: {}", status, ex.getMessage());
		return error(HttpStatus.BAD_GATEWAY, "The app server failed: " + ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> refused(FileRequestException ex) {
		return error(ex.status(), ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException ex) {
		return error(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most 16 MiB.");
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> badUpload(MultipartException ex) {
		return error(HttpStatus.BAD_REQUEST, "The upload could not be read.");
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException ex) {
		return error(HttpStatus.BAD_REQUEST, "Missing " + ex.getParameterName() + ".");
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
		return error(status.value(), message);
	}

	private static ResponseEntity<Map<String, String>> error(int status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
