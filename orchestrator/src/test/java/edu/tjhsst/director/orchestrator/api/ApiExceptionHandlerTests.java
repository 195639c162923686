package edu.tjhsst.director.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.appserver.AppserverUnavailableException;

/** Each kind of failure gets its status and the one error body; unexpected ones reveal nothing. */
class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void aConfigNginxRefusesIsUnprocessableWithNginxsMessage() {
		ResponseEntity<ErrorBody> response = handler.nginxRejected(new NginxRejectedException("unknown directive \"x\""));

		assertThat(response.getStatusCode().value()).isEqualTo(422);
		assertThat(response.getBody()).isEqualTo(new ErrorBody("unknown directive \"x\""));
	}

	@Test
	void anUnreachableAppserverIsServiceUnavailable() {
		ResponseEntity<ErrorBody> response = handler.unavailable(new AppserverUnavailableException("no container"));

		assertThat(response.getStatusCode().value()).isEqualTo(503);
	}

	@Test
	void missingThingsConflictsAndOversizedRequestsKeepTheirMessages() {
		assertThat(handler.notFound(new NotFoundException("no such site")).getStatusCode().value()).isEqualTo(404);
		assertThat(handler.conflict(new ConflictException("x already exists")).getBody())
			.isEqualTo(new ErrorBody("x already exists"));
		assertThat(handler.tooLarge(new TooLargeException("too large")).getStatusCode().value()).isEqualTo(413);
	}

	@Test
	void anUnexpectedFailureIsAGeneric500() {
		ResponseEntity<ErrorBody> response = handler.other(new IllegalStateException("secret detail at /some/path"));

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody().error()).doesNotContain("secret").doesNotContain("/some/path");
	}

}
