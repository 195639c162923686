package edu.tjhsst.director.orchestrator.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Anyone who reaches the port can make calls without a token; they must not push the operators' own calls out of the
 * record.
 */
class OperatorAuditTests {

	private static final Instant MINUTE = Instant.parse("2026-12-07T12:00:00Z");

	@TempDir
	Path dir;

	@Test
	void callsWithoutATokenAreRecordedUpToALimitAMinuteAndTheRestCountedWhileOperatorsCallsAllAre() {
		OperatorAudit audit = new OperatorAudit(new OperatorProperties(dir.resolve("tokens"),
				dir.resolve("audit.jsonl"), DataSize.ofMegabytes(1)),
				new ObjectMapper().registerModule(new JavaTimeModule()));
		for (int n = 0; n < OperatorAudit.REFUSED_PER_MINUTE + 10; n++) {
			audit.record(new OperatorCall(MINUTE.plusMillis(n), null, "127.0.0.1", "GET",
					"/operator/v1/x" + "y".repeat(n * 20), 401, 0));
		}
		audit.record(new OperatorCall(MINUTE.plusSeconds(30), "alice", "127.0.0.1", "GET", "/operator/v1/nodes", 200,
				3));
		audit.record(new OperatorCall(MINUTE.plusSeconds(61), null, "127.0.0.1", "GET", "/operator/v1/nodes", 401, 0));

		List<OperatorCall> calls = audit.recent(1000);

		assertThat(calls).hasSize(OperatorAudit.REFUSED_PER_MINUTE + 3);
		assertThat(calls.get(OperatorAudit.REFUSED_PER_MINUTE).operator()).isEqualTo("alice");
		assertThat(calls.get(OperatorAudit.REFUSED_PER_MINUTE + 1).path()).startsWith("(10 more calls without");
		assertThat(calls.get(OperatorAudit.REFUSED_PER_MINUTE + 2).path()).isEqualTo("/operator/v1/nodes");
		assertThat(calls).allMatch(call -> call.path().length() <= OperatorAudit.MAX_PATH + 3);
	}

}
