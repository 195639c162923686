package edu.tjhsst.director.router.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.router.tls.CertificateRefusedException;

/** Turns every failure into one body, {@code {"error": "..."}}, with no stack trace or internal detail. */
@RestControllerAdvice
public class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler(NginxRejectedException.class)
	ResponseEntity<Map<String, String>> rejected(NginxRejectedException ex) {
		return error(HttpStatus.UNPROCESSABLE_ENTITY, refusal(ex));
	}

	/** What a caller is told when Nginx refuses its route, alone or in a batch. */
	public static String refusal(NginxRejectedException ex) {
		return "nginx refused the route: " + ex.getMessage();
	}

	@ExceptionHandler(CertificateRefusedException.class)
	ResponseEntity<Map<String, String>> refusedCertificate(CertificateRefusedException ex) {
		return error(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String path = request.getRequestURI();
		String what = path.startsWith("/certificates/") ? "certificate" : path.startsWith("/challenges/")
				? "challenge answer" : "route";
		return error(HttpStatus.BAD_REQUEST, "the body is not a well-formed JSON " + what);
	}

	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<Map<String, String>> mismatch(TypeMismatchException ex) {
		String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
				: ex.getPropertyName();
		return error(HttpStatus.BAD_REQUEST, "not an acceptable value for " + name);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, String>> other(Exception ex) {
		if (ex instanceof ResponseStatusException status && status.getReason() != null) {
			if (status.getStatusCode().is5xxServerError()) {
				log.warn("{}", status.getReason());
			}
			return error(status.getStatusCode(), status.getReason());
		}
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			HttpStatus known = HttpStatus.resolve(response.getStatusCode().value());
			return error(response.getStatusCode(), known == null ? "bad request" : known.getReasonPhrase());
		}
		log.error("request failed", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatusCode status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
