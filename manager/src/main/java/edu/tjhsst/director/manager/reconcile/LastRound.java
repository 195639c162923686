package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How the reconciler's last round went, whichever manager of the platform ran it. */
@Repository
class LastRound {

	private final JdbcClient jdbc;

	LastRound(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void store(ReconcileRound round) {
		jdbc.sql("insert into reconcile_last_round (id, started_at, took_ms, checked, busy, repaired, problems)"
				+ " values (1, ?, ?, ?, ?, ?, ?) on conflict (id) do update set started_at = excluded.started_at,"
				+ " took_ms = excluded.took_ms, checked = excluded.checked, busy = excluded.busy,"
				+ " repaired = excluded.repaired, problems = excluded.problems")
			.params(round.startedAt(), round.took().toMillis(), round.checked(), round.busy(), round.repaired(),
					String.join("\n", round.problems().stream().map(problem -> problem.replace('\n', ' ')).toList()))
			.update();
	}

	Optional<ReconcileRound> read() {
		return jdbc.sql("select started_at, took_ms, checked, busy, repaired, problems from reconcile_last_round")
			.query((rs, row) -> new ReconcileRound(rs.getObject("started_at", OffsetDateTime.class),
					Duration.ofMillis(rs.getLong("took_ms")), rs.getInt("checked"), rs.getInt("busy"),
					rs.getInt("repaired"), problems(rs.getString("problems"))))
			.optional();
	}

	private static List<String> problems(String text) {
		return text.isEmpty() ? List.of() : List.of(text.split("\n"));
	}

}
