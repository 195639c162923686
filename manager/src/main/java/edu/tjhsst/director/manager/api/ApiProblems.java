package edu.tjhsst.director.manager.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.remote.ComponentRefusal;
import edu.tjhsst.director.manager.site.SiteDisabledException;
import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.system.PortalErrors;

/**
 * The API's one error mapping: every refusal and failure of an {@link ApiController} is an RFC 9457 problem detail
 * ({@code application/problem+json}) with the portal's own wording, never a stack trace. Sign-in refusals (401, 403)
 * are written the same way by {@link #write}.
 */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ApiRequestException ex) {
		ProblemDetail problem = problem(ex.status(), ex.getMessage());
		if (!ex.fields().isEmpty()) {
			problem.setProperty("errors", ex.fields());
		}
		if (ex.retryAfter() != null) {
			return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER,
					Long.toString(ex.retryAfter().toSeconds())).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return answer(problem);
	}

	/** The app server's refusal or failure of a call made for the caller (the files API's), as the editor says it. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> component(ComponentCallException ex) {
		ComponentRefusal refusal = ComponentRefusal.of(ex);
		return answer(problem(refusal.status(), refusal.message()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return answer(problem(HttpStatus.NOT_FOUND, PortalErrors.NOT_FOUND));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> locked(SiteLockedException ex) {
		return answer(problem(HttpStatus.CONFLICT, PortalErrors.LOCKED));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> disabled(SiteDisabledException ex) {
		return answer(problem(HttpStatus.FORBIDDEN, PortalErrors.DISABLED));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return answer(problem(HttpStatus.FORBIDDEN, "This token may not do that."));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return answer(problem(HttpStatus.BAD_REQUEST, "The body is not the JSON object this call takes."));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex) {
		return answer(problem(HttpStatus.BAD_REQUEST, ex.getName() + " must be a number."));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException ex) {
		return answer(problem(HttpStatus.BAD_REQUEST, "Missing " + ex.getParameterName() + "."));
	}

	/**
	 * Spring's own refusals (a body of another media type, an answer the caller does not accept, a missing header)
	 * keep their status with Spring's wording of them; anything else is the portal's failure, logged.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> failed(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
			HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
			String detail = refusal.getBody().getDetail();
			return ResponseEntity.status(status).headers(refusal.getHeaders())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(status, detail == null ? status.getReasonPhrase() + "." : detail));
		}
		if (ex instanceof IOException || ex instanceof AsyncRequestNotUsableException) {
			// The caller went away (a wait given up, say): nobody is left to answer, and nothing failed here.
			log.debug("API call {} {}: the caller went away", request.getMethod(), request.getRequestURI());
			return null;
		}
		log.error("API call {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "The portal failed; the failure is in its log."));
	}

	/** A problem with the status's reason as its title and the portal's wording as its detail. */
	public static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

	/** Writes a problem outside a controller: from a security filter, which answers before any controller runs. */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		JSON.writeValue(response.getOutputStream(), body);
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
