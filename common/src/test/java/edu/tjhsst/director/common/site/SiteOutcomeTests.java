package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SiteOutcomeTests {

	@Test
	void aBatchOfDistinctSitesUpToTheLimitHasNoProblem() {
		List<Long> ids = new ArrayList<>();
		for (long id = 1; id <= SiteOutcome.MOST_PER_BATCH; id++) {
			ids.add(id);
		}
		assertThat(SiteOutcome.batchProblem(ids, Long::longValue, "sites")).isEmpty();
		assertThat(SiteOutcome.batchProblem(List.<Long>of(), Long::longValue, "sites")).isEmpty();
	}

	@Test
	void oneMoreThanTheLimitANullOrASiteNamedTwiceIsABatchProblem() {
		List<Long> tooMany = Collections.nCopies(SiteOutcome.MOST_PER_BATCH + 1, 7L);
		assertThat(SiteOutcome.batchProblem(tooMany, Long::longValue, "routes"))
			.hasValue("at most " + SiteOutcome.MOST_PER_BATCH + " routes per batch, not "
					+ (SiteOutcome.MOST_PER_BATCH + 1));
		assertThat(SiteOutcome.batchProblem(Arrays.asList(1L, null), Long::longValue, "sites"))
			.hasValue("a batch holds sites, not null");
		assertThat(SiteOutcome.batchProblem(List.of(3L, 4L, 3L), Long::longValue, "sites"))
			.hasValue("site 3 appears twice in the batch");
	}

	@Test
	void anAnswerThatDoesNotNameEachSiteOnceInOrderIsRefused() {
		List<SiteOutcome> answer = List.of(SiteOutcome.applied(2, List.of()), SiteOutcome.refused(1, "no"));
		assertThatIllegalStateException().isThrownBy(() -> SiteOutcome.oneEach(List.of(1L, 2L), answer));
		assertThat(SiteOutcome.oneEach(List.of(2L, 1L), answer)).isEqualTo(answer);
	}

}
