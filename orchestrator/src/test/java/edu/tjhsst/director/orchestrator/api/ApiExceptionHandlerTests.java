package edu.tjhsst.director.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.appserver.AppserverUnavailableException;
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
import edu.tjhsst.director.orchestrator.service.NoSuchProcessException;

/**
 * Each of the orchestrator's failures, thrown by a controller, gets its status and its body, as Spring picks the
 * handler; unexpected ones reveal nothing.
 */
class ApiExceptionHandlerTests {

	@Test
	void rejectedInputIsABadRequestWithItsReason() throws Exception {
		answer(new RejectedInputException("id must be positive")).andExpect(status().isBadRequest())
			.andExpect(content().json("{\"error\": \"id must be positive\"}", true));
	}

	@Test
	void aMissingSiteIsNotFound() throws Exception {
		answer(new NoSuchSiteException()).andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"no such site\"}", true));
	}

	@Test
	void aMissingFileOrFolderIsNotFound() throws Exception {
		answer(new NoSuchEntryException("no such file: a.txt")).andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"no such file: a.txt\"}", true));
	}

	@Test
	void aSiteWithoutAProcessToRestartIsNotFound() throws Exception {
		answer(new NoSuchProcessException(7)).andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"site 7 has no process\"}", true));
	}

	@Test
	void aSiteThatWasNeverBuiltHasNoBuildLogToFind() throws Exception {
		answer(new NoBuildLogException(7)).andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"site 7 has no build log\"}", true));
	}

	@Test
	void anEntryInTheWayIsAConflict() throws Exception {
		answer(new EntryExistsException("a already exists")).andExpect(status().isConflict())
			.andExpect(content().json("{\"error\": \"a already exists\"}", true));
	}

	@Test
	void aFolderThatIsNotEmptyIsAConflict() throws Exception {
		answer(new FolderNotEmptyException("a is not empty")).andExpect(status().isConflict())
			.andExpect(content().json("{\"error\": \"a is not empty\"}", true));
	}

	@Test
	void aFileChangedSinceItWasReadIsAConflictThatGivesItsCurrentVersion() throws Exception {
		answer(new FileChangedException("v2")).andExpect(status().isConflict())
			.andExpect(content().json(
					"{\"error\": \"The file changed on disk since it was opened.\", \"version\": \"v2\"}", true));
	}

	@Test
	void aBusyBuilderIsAConflict() throws Exception {
		answer(new BuilderBusyException("an image for site 7 is being built")).andExpect(status().isConflict())
			.andExpect(content().json("{\"error\": \"an image for site 7 is being built\"}", true));
	}

	@Test
	void aFileOverItsLimitIsTooLarge() throws Exception {
		answer(new EntryTooLargeException("a is too large")).andExpect(status().isPayloadTooLarge())
			.andExpect(content().json("{\"error\": \"a is too large\"}", true));
	}

	@Test
	void aWriteTheDiskHasNoRoomForIsInsufficientStorage() throws Exception {
		answer(new DiskFullException("the disk is full")).andExpect(status().isInsufficientStorage())
			.andExpect(content().json("{\"error\": \"the disk is full\"}", true));
	}

	@Test
	void aFailedBuildIsUnprocessableAndGivesItsOutput() throws Exception {
		answer(new BuildFailedException("The image build failed: E: Unable to locate package nope", "Step 1/2\n"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().json("{\"error\": \"The image build failed: E: Unable to locate package nope\", "
					+ "\"message\": \"The image build failed: E: Unable to locate package nope\", "
					+ "\"log\": \"Step 1/2\\n\"}", true));
	}

	@Test
	void aConfigNginxRefusesIsUnprocessableWithNginxsMessage() throws Exception {
		answer(new NginxRejectedException("unknown directive \"x\"")).andExpect(status().isUnprocessableEntity())
			.andExpect(content().json("{\"error\": \"unknown directive \\\"x\\\"\"}", true));
	}

	@Test
	void anUnreachableAppserverIsServiceUnavailable() throws Exception {
		answer(new AppserverUnavailableException("no container")).andExpect(status().isServiceUnavailable())
			.andExpect(content().json("{\"error\": \"no container\"}", true));
	}

	@Test
	void anUnexpectedFailureIsAGeneric500() throws Exception {
		MvcResult result = answer(new IllegalStateException("secret detail at /some/path"))
			.andExpect(status().isInternalServerError())
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).doesNotContain("secret").doesNotContain("/some/path");
	}

	private static ResultActions answer(RuntimeException failure) throws Exception {
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing(failure))
			.setControllerAdvice(new ApiExceptionHandler())
			.build();
		return mvc.perform(get(Failing.PATH));
	}

	/** A controller whose one endpoint throws the failure it was made with. */
	@RestController
	static class Failing {

		static final String PATH = "/fail";

		private final RuntimeException failure;

		Failing(RuntimeException failure) {
			this.failure = failure;
		}

		@GetMapping(PATH)
		String fail() {
			throw failure;
		}

	}

}
