package edu.tjhsst.director.manager.site;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RuntimeImage;

/** The runtimes a dynamic site may choose, asked of the orchestrator each time so its list stays the truth. */
@Component
class RuntimeChoices {

	static final String UNAVAILABLE = "The list of runtimes could not be loaded from the app server, so dynamic sites"
			+ " cannot be created right now. A static site can; try again in a moment.";

	private static final Logger log = LoggerFactory.getLogger(RuntimeChoices.class);

	private final OrchestratorClient orchestrator;

	RuntimeChoices(OrchestratorClient orchestrator) {
		this.orchestrator = orchestrator;
	}

	/** What is wrong with choosing this runtime, or empty when it is on offer. */
	Optional<String> problem(String runtime) {
		Optional<List<RuntimeImage>> offered = offered();
		if (offered.isEmpty()) {
			return Optional.of(UNAVAILABLE);
		}
		if (runtime.isEmpty()) {
			return Optional.of("Choose the runtime your site's process runs in.");
		}
		if (offered.get().stream().noneMatch(choice -> choice.name().equals(runtime))) {
			return Optional.of("Choose one of the runtimes listed.");
		}
		return Optional.empty();
	}

	/** The runtimes on offer, or empty when the orchestrator cannot be asked. */
	Optional<List<RuntimeImage>> offered() {
		try {
			return Optional.of(orchestrator.runtimes());
		}
		catch (ComponentCallException | UncheckedIOException ex) {
			log.warn("could not list runtimes: {}", ex.getMessage());
			return Optional.empty();
		}
	}

}
