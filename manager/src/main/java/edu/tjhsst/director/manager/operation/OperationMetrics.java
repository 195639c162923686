package edu.tjhsst.director.manager.operation;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operations take, for the Prometheus endpoint: each run of an operation (a first run, a retry, a run resumed
 * after a restart) by kind and result, and each step by name and result. A metric that cannot be recorded is logged
 * and never fails the operation it measures.
 */
@Component
class OperationMetrics {

	private static final Logger log = LoggerFactory.getLogger(OperationMetrics.class);

	private final MeterRegistry registry;

	OperationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void runFinished(Operation operation, Status result, Duration took) {
		record("director.operations", "Runs of operations, by kind and result", took, "kind", operation.kind().name(),
				"result", result.name());
	}

	void stepFinished(Action action, Status result, Duration took) {
		record("director.operation.steps", "Operations' steps as they ran, by step and result", took, "step",
				action.slug(), "result", result.name());
	}

	private void record(String name, String description, Duration took, String... tags) {
		try {
			Timer.builder(name).description(description).tags(tags).register(registry).record(took);
		}
		catch (RuntimeException ex) {
			log.warn("could not record {}: {}", name, ex.toString());
		}
	}

}
