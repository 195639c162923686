package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the appserver services again when they were removed or changed behind the orchestrator's back (by hand, by a
 * script cleaning up): every site is served through them, so none may stay missing until the orchestrator's next
 * start. The new container reaches the sites once the reattacher has attached it to their networks, as after a
 * crash.
 */
final class AppserverWatch implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AppserverWatch.class);

	private final SwarmAppserver swarm;

	private final String network;

	private final Function<String, List<AppserverServiceSpec>> specs;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "appserver-watch");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param network the sites' shared network, made again too when it is gone
	 * @param specs what each appserver service is, on the shared network of the id given
	 */
	AppserverWatch(SwarmAppserver swarm, String network, Function<String, List<AppserverServiceSpec>> specs) {
		this.swarm = swarm;
		this.network = network;
		this.specs = specs;
	}

	/** Looks every period from now on (10 s by default: well within the 30 s in which drift is repaired). */
	void start(Duration period) {
		if (!period.isZero()) {
			timer.scheduleWithFixedDelay(this::repairSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Makes each service that is missing or differs from its spec again; returns how many. */
	int repair() {
		int repaired = 0;
		for (AppserverServiceSpec spec : specs.apply(swarm.ensureNetwork(network))) {
			if (!swarm.matches(spec)) {
				swarm.ensureService(spec, false);
				log.warn("the appserver service {} was missing or changed; made it again", spec.name());
				repaired++;
			}
		}
		return repaired;
	}

	private void repairSafely() {
		try {
			repair();
		}
		catch (RuntimeException ex) {
			log.warn("cannot check the appserver services: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
