package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often the reconciler states every site again, bound from {@code director.reconcile.*}
 * ({@code DIRECTOR_RECONCILE_INTERVAL}, {@code DIRECTOR_RECONCILE_START_CHECK}).
 * @param interval the time between two rounds' starts: a service or file removed by hand is back within about this long
 * @param startCheck how often the app server's and the router's health checks are read: a round starts at once when
 *        either has started again since the last reading
 */
@ConfigurationProperties("director.reconcile")
record ReconcileProperties(Duration interval, Duration startCheck) {

	ReconcileProperties {
		if (interval == null || interval.toSeconds() < 1 || interval.toHours() > 24) {
			throw new IllegalArgumentException("DIRECTOR_RECONCILE_INTERVAL must be from 1s to 24h, not " + interval);
		}
		if (startCheck == null || startCheck.toSeconds() < 1 || startCheck.toHours() > 24) {
			throw new IllegalArgumentException("DIRECTOR_RECONCILE_START_CHECK must be from 1s to 24h, not " + startCheck);
		}
	}

}
