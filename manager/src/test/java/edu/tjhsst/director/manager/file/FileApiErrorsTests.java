package edu.tjhsst.director.manager.file;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.signing.ComponentCallException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the orchestrator's failures reach the editor. */
class FileApiErrorsTests {

	private final FileApiErrors errors = new FileApiErrors();

	@Test
	void anUnreachableAppServerIsServiceUnavailable() {
		var response = errors.orchestrator(new ComponentCallException(0, "cannot reach http://10.0.0.1: refused"));
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody()).containsEntry("error", "The app server could not be reached.");
	}

	@Test
	void refusalsKeepTheirStatusAndMessage() {
		var response = errors.orchestrator(new ComponentCallException(409, "The target already exists."));
		assertThat(response.getStatusCode().value()).isEqualTo(409);
		assertThat(response.getBody()).containsEntry("error", "The target already exists.");
		assertThat(errors.orchestrator(new ComponentCallException(413, "too large")).getStatusCode().value()).isEqualTo(413);
	}

	@Test
	void aFullDiskKeepsItsStatusAndTheOrchestratorsMessage() {
		String message = "The site has used all of its disk space (1 GiB): delete files to make room, "
				+ "or ask an administrator for more.";
		var response = errors.orchestrator(new ComponentCallException(507, message));
		assertThat(response.getStatusCode().value()).isEqualTo(507);
		assertThat(response.getBody()).containsEntry("error", message);
	}

	@Test
	void aRefusedSignatureOrAServerErrorIsABadGatewayWithoutDetailsOfTheSignature() {
		var refused = errors.orchestrator(new ComponentCallException(401, "signature does not match"));
		assertThat(refused.getStatusCode().value()).isEqualTo(502);
		assertThat(refused.getBody().get("error")).doesNotContain("signature");
		assertThat(errors.orchestrator(new ComponentCallException(500, "disk full")).getStatusCode().value()).isEqualTo(502);
	}

}
