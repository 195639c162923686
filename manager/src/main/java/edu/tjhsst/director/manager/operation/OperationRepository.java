package edu.tjhsst.director.manager.operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores operations and their actions in PostgreSQL. */
@Repository
class OperationRepository {

	private final JdbcClient jdbc;

	OperationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a pending operation with its pending actions; fails if the site already has an open operation. */
	long create(long siteId, OperationKind kind, Long userId, List<Step> steps) {
		long id = jdbc.sql("insert into operations (site_id, kind, status, created_by) values (?, ?, 'PENDING', ?) "
				+ "returning id").params(siteId, kind.name(), userId).query(Long.class).single();
		for (int i = 0; i < steps.size(); i++) {
			jdbc.sql("insert into actions (operation_id, position, slug, title, status) values (?, ?, ?, ?, 'PENDING')")
				.params(id, i, steps.get(i).slug(), steps.get(i).title()).update();
		}
		return id;
	}

	Optional<Operation> findById(long id) {
		return jdbc.sql("select * from operations where id = ?").param(id).query(this::map).optional();
	}

	Optional<Operation> findLatestForSite(long siteId) {
		return jdbc.sql("select * from operations where site_id = ? order by id desc limit 1").param(siteId)
			.query(this::map).optional();
	}

	/** One page of the site's operations, newest first, only those with the status when it is given. */
	List<Operation> findForSite(long siteId, Status status, int offset, int limit) {
		return jdbc.sql("select * from operations where site_id = ? and (cast(? as text) is null or status = ?) "
				+ "order by id desc offset ? limit ?")
			.params(siteId, status == null ? null : status.name(), status == null ? null : status.name(), offset, limit)
			.query(this::map).list();
	}

	List<Operation> findFailed() {
		return jdbc.sql("select * from operations where status = 'FAILED' order by id desc").query(this::map).list();
	}

	boolean hasOpenOperation(long siteId) {
		return jdbc.sql("select count(*) from operations where site_id = ? and status <> 'SUCCEEDED'").param(siteId)
			.query(Long.class).single() > 0;
	}

	void markOperation(long id, Status status) {
		String timestamps = switch (status) {
			case RUNNING -> ", started_at = coalesce(started_at, now()), finished_at = null";
			case SUCCEEDED, FAILED -> ", finished_at = now()";
			case PENDING -> ", finished_at = null";
		};
		jdbc.sql("update operations set status = ?" + timestamps + " where id = ?").params(status.name(), id).update();
	}

	void startAction(long actionId) {
		jdbc.sql("update actions set status = 'RUNNING', started_at = ?, finished_at = null, message = '' where id = ?")
			.params(Timestamp.from(Instant.now()), actionId).update();
	}

	void finishAction(long actionId, Status status, String message) {
		String text = message == null ? "" : message.length() > 4000 ? message.substring(0, 3997) + "..." : message;
		jdbc.sql("update actions set status = ?, finished_at = ?, message = ? where id = ?")
			.params(status.name(), Timestamp.from(Instant.now()), text, actionId).update();
	}

	/** Makes a failed operation's unfinished actions pending again, for a retry. */
	void resetForRetry(long operationId) {
		jdbc.sql("update actions set status = 'PENDING', started_at = null, finished_at = null, message = '' "
				+ "where operation_id = ? and status <> 'SUCCEEDED'").param(operationId).update();
		markOperation(operationId, Status.PENDING);
	}

	private List<Action> actions(long operationId) {
		return jdbc.sql("select * from actions where operation_id = ? order by position").param(operationId)
			.query((rs, row) -> new Action(rs.getLong("id"), rs.getInt("position"), rs.getString("slug"),
					rs.getString("title"), Status.valueOf(rs.getString("status")), instant(rs, "started_at"),
					instant(rs, "finished_at"), rs.getString("message")))
			.list();
	}

	private Operation map(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("id");
		return new Operation(id, rs.getLong("site_id"), OperationKind.valueOf(rs.getString("kind")),
				Status.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), actions(id));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** The slug and title an action is created with. */
	record Step(String slug, String title) {
	}

}
