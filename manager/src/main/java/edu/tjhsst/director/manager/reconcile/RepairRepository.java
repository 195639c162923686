package edu.tjhsst.director.manager.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import edu.tjhsst.director.manager.site.Site;

/** The repairs the reconciler made, newest first. */
@Repository
class RepairRepository {

	/** How long a repair is listed. */
	static final Duration KEPT = Duration.ofDays(90);

	private final JdbcClient jdbc;

	RepairRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a site's repairs. One the same as a repair of the site's in the last hour is not recorded again: a
	 * student who removes their own public folder every minute must not push everyone else's repairs off the page.
	 */
	void record(Site site, Repair.Component component, List<String> changes) {
		for (String change : changes) {
			jdbc.sql("insert into repairs (site_id, site_name, component, change) select ?, ?, ?, ? where not exists"
					+ " (select 1 from repairs where site_id = ? and component = ? and change = ?"
					+ " and repaired_at > now() - interval '1 hour')")
				.params(site.id(), site.name(), component.name(), kept(change), site.id(), component.name(),
						kept(change))
				.update();
		}
	}

	/** Records what was removed of a site the manager no longer has. */
	void recordLeftover(long siteId, Repair.Component component, List<String> changes) {
		for (String change : changes) {
			jdbc.sql("insert into repairs (site_id, site_name, component, change) values (null, ?, ?, ?)")
				.params("site " + siteId, component.name(), kept(change)).update();
		}
	}

	/** A component's sentence is short; one that is not is cut rather than lost. */
	private static String kept(String change) {
		return change.length() > 1000 ? change.substring(0, 997) + "..." : change;
	}

	List<Repair> newest(int limit) {
		return jdbc.sql("select site_id, site_name, component, change, repaired_at from repairs "
				+ "order by repaired_at desc, id desc limit ?").param(limit).query(RepairRepository::map).list();
	}

	void forgetOlderThanKept() {
		jdbc.sql("delete from repairs where repaired_at < now() - make_interval(secs => ?)").param(KEPT.toSeconds())
			.update();
	}

	private static Repair map(ResultSet rs, int row) throws SQLException {
		long siteId = rs.getLong("site_id");
		return new Repair(rs.wasNull() ? null : siteId, rs.getString("site_name"),
				Repair.Component.valueOf(rs.getString("component")), rs.getString("change"),
				rs.getObject("repaired_at", OffsetDateTime.class));
	}

}
