package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * An operation starts once its transaction commits, not at Quartz's next look for work: here Quartz looks only every
 * two minutes, and a new site's operation still finishes within seconds.
 */
@SpringBootTest(properties = "spring.quartz.properties.org.quartz.scheduler.idleWaitTime=120000")
@AutoConfigureMockMvc
class OperationStartIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(OperationStartIntegrationTests.class);

	/** Well under Quartz's two minutes, and generous for a loaded machine. */
	private static final Duration PROMPTLY = Duration.ofSeconds(30);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "olga");
	}

	@Test
	void aNewSitesOperationRunsWithoutWaitingForQuartzsNextLook() throws Exception {
		for (String name : new String[] { "olga-first", "olga-second" }) {
			String location = mvc.perform(post("/sites/new").param("name", name).param("description", "d")
				.with(as("olga")).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
				.getRedirectedUrl();
			long siteId = Long.parseLong(location.substring("/sites/".length()));

			Await.until(name + "'s operation to finish", PROMPTLY,
					() -> operations.latest(siteId).filter(op -> op.status().finished()).isPresent());
			assertThat(operations.latest(siteId).orElseThrow().status().name()).as(name).isEqualTo("SUCCEEDED");
		}
	}

}
