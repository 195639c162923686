package edu.tjhsst.director.manager.file;

import java.util.Map;


import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.ComponentRefusal;

/**
 * Turns every failure of the file API into {@code {"error": "..."}} with a fitting status: the orchestrator's as
 * {@link ComponentRefusal} says; never a stack trace. A disabled site and what is not found are {@link edu.tjhsst.director.manager.system.PortalErrors}'s,
 * in the same shape.
 */
@RestControllerAdvice(assignableTypes = { FileApiController.class, FileTransferController.class,
		SiteCopyController.class })
class FileApiErrors {

	@ExceptionHandler
	ResponseEntity<Map<String, String>> orchestrator(ComponentCallException ex) {
		ComponentRefusal refusal = ComponentRefusal.of(ex);
		return error(refusal.status(), refusal.message());
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
