package edu.tjhsst.director.manager.reconcile;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The leftovers each component had at the last round, in the database that every manager of a platform shares. */
@Repository
class LeftoverSightings {

	private final JdbcClient jdbc;

	LeftoverSightings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sites whose leftovers the last round found on the component. */
	Set<Long> last(Repair.Component component) {
		return new TreeSet<>(jdbc.sql("select site_id from leftover_sightings where component = ?")
			.param(component.name()).query(Long.class).list());
	}

	/** Remembers what this round found on the component, in place of what the one before did. */
	@Transactional
	void replace(Repair.Component component, Set<Long> found) {
		jdbc.sql("delete from leftover_sightings where component = ?").param(component.name()).update();
		for (long id : found) {
			jdbc.sql("insert into leftover_sightings (component, site_id) values (?, ?)").params(component.name(), id)
				.update();
		}
	}

}
