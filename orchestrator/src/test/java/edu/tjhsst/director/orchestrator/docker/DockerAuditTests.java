package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/** Every change a gateway makes is written to the audit log, once, with how it failed if it did. */
class DockerAuditTests {

	private final DockerAudit audit = new DockerAudit();

	private final Logger logger = (Logger) LoggerFactory.getLogger(DockerAudit.LOG);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void listen() {
		lines.start();
		logger.addAppender(lines);
	}

	@AfterEach
	void stopListening() {
		logger.detachAppender(lines);
	}

	@Test
	void aCreateIsWrittenOnceWithWhatWasMadeAndItsResultIsReturned() {
		String id = audit.call(Change.CREATE, "service", "site_42", "director/runtime-python:3", () -> "abc123");

		assertThat(id).isEqualTo("abc123");
		assertThat(lines()).containsExactly("create service site_42 (director/runtime-python:3)");
	}

	@Test
	void aRemovalIsWrittenOnce() {
		audit.run(Change.REMOVE, "network", "director-sites-42", null, () -> {
		});

		assertThat(lines()).containsExactly("remove network director-sites-42");
	}

	@Test
	void aRemovalOfWhatIsGoneIsWrittenAsNotFoundAndReachesTheCallerSo() {
		assertThatExceptionOfType(DockerNotFoundException.class)
			.isThrownBy(() -> audit.run(Change.REMOVE, "container", "site_42_terminal", null, () -> {
				throw new NotFoundException("No such container: site_42_terminal");
			}))
			.withMessage("Status 404: No such container: site_42_terminal");

		assertThat(lines()).containsExactly(
				"remove container site_42_terminal: not found: Status 404: No such container: site_42_terminal");
	}

	@Test
	void aRefusalReachesTheCallerAsARefusalWithTheEnginesMessage() {
		assertThatExceptionOfType(DockerRefusedException.class)
			.isThrownBy(() -> audit.run(Change.CREATE, "network", "n1", "10.128.0.0/24", () -> {
				throw new ConflictException("network with name n1 already exists");
			}))
			.withMessage("Status 409: network with name n1 already exists")
			.isNotInstanceOf(DockerNotFoundException.class);

		assertThat(lines()).containsExactly(
				"create network n1 (10.128.0.0/24) failed: Status 409: network with name n1 already exists");
	}

	@Test
	void idsAreShortenedAsDockerPrintsThem() {
		String id = "63c0b1dfca8a3b4526ac6ca59ba6d00bb2c9f04137687f68688148ba11c24dd8";

		audit.run(Change.SIGNAL, "container", id, "HUP", () -> {
		});
		audit.run(Change.CONNECT, "network", "s-42", "container " + id, () -> {
		});

		assertThat(lines()).containsExactly("signal container 63c0b1dfca8a (HUP)",
				"connect network s-42 (container 63c0b1dfca8a)");
	}

	@Test
	void aFailureOfItsOwnReachesTheCallerAsItIs() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> audit.call(Change.START, "exec", "e1", "in c1", () -> {
				throw new IOException("the engine closed the connection");
			}));

		assertThat(lines())
			.containsExactly("start exec e1 (in c1) failed: java.io.IOException: the engine closed the connection");
	}

	private List<String> lines() {
		return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
