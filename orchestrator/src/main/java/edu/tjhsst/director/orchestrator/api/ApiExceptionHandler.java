package edu.tjhsst.director.orchestrator.api;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.appserver.AppserverUnavailableException;
import edu.tjhsst.director.orchestrator.database.DumpBusyException;
import edu.tjhsst.director.orchestrator.database.DumpFailedException;
import edu.tjhsst.director.orchestrator.disk.DiskFullException;
import edu.tjhsst.director.orchestrator.disk.NoSuchSiteException;
import edu.tjhsst.director.orchestrator.file.EntryExistsException;
import edu.tjhsst.director.orchestrator.file.EntryTooLargeException;
import edu.tjhsst.director.orchestrator.file.FileChangedException;
import edu.tjhsst.director.orchestrator.file.FolderNotEmptyException;
import edu.tjhsst.director.orchestrator.file.NoSuchEntryException;
import edu.tjhsst.director.orchestrator.image.BuildFailedException;
import edu.tjhsst.director.orchestrator.image.BuilderBusyException;
import edu.tjhsst.director.orchestrator.image.NoBuildLogException;
import edu.tjhsst.director.orchestrator.image.PruneRefusedException;
import edu.tjhsst.director.orchestrator.node.NoSuchNodeException;
import edu.tjhsst.director.orchestrator.node.NodeInUseException;
import edu.tjhsst.director.orchestrator.site.ConvergeBusyException;
import edu.tjhsst.director.orchestrator.service.NoSuchProcessException;

/**
 * The one place where failures meet HTTP: each of the orchestrator's own failures, and Spring's, gets its status and
 * the {@code {"error": "..."}} body (with a field more where a client needs it); never a stack trace.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(RejectedInputException.class)
	ResponseEntity<ErrorBody> rejected(RejectedInputException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ NoSuchSiteException.class, NoSuchEntryException.class, NoSuchProcessException.class,
			NoBuildLogException.class, NoSuchNodeException.class })
	ResponseEntity<ErrorBody> missing(RuntimeException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ EntryExistsException.class, FolderNotEmptyException.class, BuilderBusyException.class,
			PruneRefusedException.class, NodeInUseException.class, ConvergeBusyException.class })
	ResponseEntity<ErrorBody> inTheWay(RuntimeException ex) {
		return error(HttpStatus.CONFLICT, ex.getMessage());
	}

	/** With the file's current version, so the editor can offer to reload it or to save over it. */
	@ExceptionHandler(FileChangedException.class)
	ResponseEntity<FileChangedBody> fileChanged(FileChangedException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new FileChangedBody(ex.getMessage(), ex.current()));
	}

	@ExceptionHandler(EntryTooLargeException.class)
	ResponseEntity<ErrorBody> entryTooLarge(EntryTooLargeException ex) {
		return error(HttpStatus.PAYLOAD_TOO_LARGE, ex.getMessage());
	}

	@ExceptionHandler(DiskFullException.class)
	ResponseEntity<ErrorBody> diskFull(DiskFullException ex) {
		return error(HttpStatus.INSUFFICIENT_STORAGE, ex.getMessage());
	}

	/** The database server refused a site's dump, or it ran out of time: the fault is beyond this server. */
	@ExceptionHandler(DumpFailedException.class)
	ResponseEntity<ErrorBody> dumpFailed(DumpFailedException ex) {
		return error(HttpStatus.BAD_GATEWAY, ex.getMessage());
	}

	@ExceptionHandler(DumpBusyException.class)
	ResponseEntity<ErrorBody> dumpBusy(DumpBusyException ex) {
		return error(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		return error(HttpStatus.BAD_REQUEST, describe(ex));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getName() + " must be a number");
	}

	/** With the build's output, which shows the site's owner what to fix. */
	@ExceptionHandler(BuildFailedException.class)
	ResponseEntity<BuildFailedBody> buildFailed(BuildFailedException ex) {
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
			.body(new BuildFailedBody(ex.getMessage(), ex.getMessage(), ex.log()));
	}

	@ExceptionHandler(NginxRejectedException.class)
	ResponseEntity<ErrorBody> nginxRejected(NginxRejectedException ex) {
		log.warn("Nginx refused a config: {}", ex.getMessage());
		return error(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage());
	}

	@ExceptionHandler(AppserverUnavailableException.class)
	ResponseEntity<ErrorBody> unavailable(AppserverUnavailableException ex) {
		log.warn("appserver unavailable: {}", ex.getMessage());
		return error(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	/** A reader of a streamed answer (a followed log) went away: nothing to answer and nothing wrong. */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void readerGone(AsyncRequestNotUsableException ex) {
		log.debug("a streamed answer's reader went away: {}", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> other(Exception ex) {
		// Spring's own client errors (unknown path, wrong method, wrong media type) keep their status.
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			HttpStatusCode status = response.getStatusCode();
			String detail = response.getBody().getDetail();
			return error(status, detail == null ? HttpStatus.valueOf(status.value()).getReasonPhrase() : detail);
		}
		log.error("request failed", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the orchestrator's log");
	}

	private static ResponseEntity<ErrorBody> error(HttpStatusCode status, String message) {
		return ResponseEntity.status(status).body(new ErrorBody(message));
	}

	/** A short account of what is wrong with a body, without echoing much of it. */
	private static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
				.map(Object::toString)
				.collect(Collectors.joining(", "));
			return "unknown value " + shorten(invalid.getValue()) + " for " + field(invalid) + "; expected one of "
					+ allowed;
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return "wrong or missing value for " + field(mismatch);
		}
		if (cause instanceof JsonProcessingException) {
			return "malformed JSON";
		}
		return "a JSON body is required";
	}

	private static String field(JsonMappingException ex) {
		String path = ex.getPath().stream()
			.map(reference -> reference.getFieldName() != null ? reference.getFieldName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
		return path.isEmpty() ? "the body" : path;
	}

	private static String shorten(Object value) {
		String text = String.valueOf(value);
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

}
