package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the appserver Nginx attached to every site network: Swarm starts a new container (after a crash, a node's
 * restart or a service update) on the shared network only, and until it joins a site's network it cannot resolve the
 * site's process. Started by the appserver's start-up once the Nginx runs.
 */
@Component
public class NginxReattacher implements DisposableBean {

	/** How often it looks; also the longest a new Nginx container waits to reach the sites' processes. */
	static final Duration PERIOD = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(NginxReattacher.class);

	private final SiteNetworks networks;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "nginx-reattacher");
		thread.setDaemon(true);
		return thread;
	});

	private boolean started;

	NginxReattacher(SiteNetworks networks) {
		this.networks = networks;
	}

	/** Attaches the Nginx to every site network now, then keeps doing so every {@link #PERIOD}. */
	public synchronized void start() {
		networks.attachNginx();
		if (!started) {
			started = true;
			timer.scheduleWithFixedDelay(this::attachSafely, PERIOD.toMillis(), PERIOD.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void attachSafely() {
		try {
			int attached = networks.attachNginx();
			if (attached > 0) {
				log.info("attached the appserver Nginx to {} site networks it had lost", attached);
			}
		}
		catch (RuntimeException ex) {
			log.warn("cannot attach the appserver Nginx to the site networks: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
