package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often the reconciler states every site again, bound from {@code director.reconcile.*}
 * ({@code DIRECTOR_RECONCILE_INTERVAL}).
 * @param interval the time between two rounds' starts: a service or file removed by hand is back within about this long
 */
@ConfigurationProperties("director.reconcile")
record ReconcileProperties(Duration interval) {

	ReconcileProperties {
		if (interval == null || interval.toSeconds() < 1 || interval.toHours() > 24) {
			throw new IllegalArgumentException("DIRECTOR_RECONCILE_INTERVAL must be from 1s to 24h, not " + interval);
		}
	}

}
