package edu.tjhsst.director.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.dockerjava.api.DockerClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;

/** A terminal session that outlives its maximum lifetime is told so, closed, and its command killed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class TerminalLifetimeDockerTests {

	private static final Path DATA = DockerCommands.temporaryDirectory("director-terminal-test");

	/** Container names hold site ids and are shared by every run: pick a range no one else uses. */
	private static final long ID = 4_900_000 + ThreadLocalRandom.current().nextLong(90_000) * 10;

	/** Each terminal joins its site's own network, named after this run's sites network: none is shared with another run. */
	private static final String NETWORK = "tt-" + UUID.randomUUID().toString().substring(0, 8) + "-sites";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "tt-no-such-service");
		registry.add("director.appserver.network", () -> NETWORK);
		registry.add("director.terminal.max-lifetime", () -> "3s");
	}

	@AfterAll
	static void removeDockerObjects() throws Exception {
		try {
			DockerCommands.run(DockerCommands.DOCKER, "rm", "-f", "site_" + ID + "_terminal");
			try (DockerClient docker = DockerCommands.docker()) {
				DockerSwarmFixture.removeNetworks(docker, NETWORK);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(DATA);
		}
	}

	@Test
	void aSessionPastItsLifetimeIsToldClosedAndItsCommandKilled() throws Exception {
		Path site = DATA.resolve("sites/" + ID);
		Files.createDirectories(site);
		Files.setAttribute(site, "unix:uid", SiteUsers.uid(ID));
		TerminalTokens minter = new TerminalTokens(SigningKey.of(TestHttp.KEY));
		String token = minter.mint(new TerminalGrant(ID, "lifesite", "alice", TerminalMode.EXEC, "sleep 300", false,
				"director/runtime-plain:3", new SiteLimits(250L, 128L, 64L), minter.expiry(), TerminalTokens.nonce()));
		Instant opened = Instant.now();
		TerminalDockerTests.Session session = TerminalDockerTests.open(port, token);
		String name = "site_" + ID + "_terminal";
		assertThat(Await.value("the session's sleep running in " + name, TerminalDockerTests.SETTLE,
				() -> TerminalDockerTests.sleepers(name), count -> count == 1)).isEqualTo(1);

		assertThat(session.awaitExit())
			.isEqualTo("{\"type\":\"error\",\"message\":\"the session reached its maximum lifetime of 3 seconds\"}");
		assertThat(session.closeCode()).isEqualTo(1008);
		assertThat(Instant.now()).isAfter(opened.plusSeconds(3));
		assertThat(Await.value("no sleep left in " + name + " once the session expired", TerminalDockerTests.SETTLE,
				() -> TerminalDockerTests.sleepers(name), count -> count == 0))
			.as("the command is killed").isZero();
	}

}
