package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * An operation whose component is briefly unreachable (restarting after a crash) finishes by itself; one that stays
 * unreachable fails after the retry window, with the same message as before.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OperationRetryIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(OperationRetryIntegrationTests.class);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		registry.add("director.operations.retry-unreachable", () -> "6s");
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "nia");
	}

	@Test
	void anAppServerThatIsBackWithinTheWindowLetsTheOperationFinishWithoutARetry() throws Exception {
		COMPONENTS.orchestratorDown.set(2);
		long site = SiteForms.create(mvc, "nia", "nia-steady", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		assertThat(COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + site + " ")).count())
			.as("two answers of 503, then the one that took").isGreaterThanOrEqualTo(3);
		assertThat(COMPONENTS.orchestratorDown.get()).isNegative();
	}

	@Test
	void anAppServerThatStaysAwayFailsTheOperationAfterTheWindow() throws Exception {
		COMPONENTS.orchestratorDown.set(1000);
		try {
			long site = SiteForms.create(mvc, "nia", "nia-away", "STATIC", null);
			Operation failed = awaitFinished(operations, site, OperationKind.CREATE_SITE);
			assertThat(failed.status()).isEqualTo(Status.FAILED);
			assertThat(failed.actions()).anySatisfy(action -> assertThat(action.message())
				.isEqualTo("The app server could not be reached; retry in a moment."));
		}
		finally {
			COMPONENTS.orchestratorDown.set(0);
		}
	}

}
