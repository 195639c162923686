package edu.tjhsst.director.orchestrator.image;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of sites' image builds ({@code director.builds.*}).
 * @param timeout how long one build may run before it is stopped and counts as failed
 * @param maxParallel how many builds may run at once on this app server; more wait their turn
 */
@ConfigurationProperties("director.builds")
record BuildProperties(Duration timeout, int maxParallel) {

	BuildProperties {
		timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
		maxParallel = maxParallel <= 0 ? 2 : maxParallel;
	}

}
