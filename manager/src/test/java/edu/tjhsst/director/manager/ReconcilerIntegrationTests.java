package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.reconcile.ComponentStarts;
import edu.tjhsst.director.manager.reconcile.ReconcileRound;
import edu.tjhsst.director.manager.reconcile.Reconciler;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * The reconciler states every site again to the app server and the router: what they say they put right is listed
 * for administrators, a site with an open operation is left to it, an unreachable component ends the round, and an
 * operation never starts on a site while the reconciler holds it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReconcilerIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ReconcilerIntegrationTests.class);

	private static final RequestPostProcessor ADMIN = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	Reconciler reconciler;

	@Autowired
	ComponentStarts componentStarts;

	@Autowired
	SiteRepository sites;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "rey");
	}

	@Test
	void whatTheComponentsPutRightIsListedForAdministratorsOnly() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-drift", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		COMPONENTS.driftOnce.put("/sites/" + site, "The site's service was missing; it was created again.");
		COMPONENTS.driftOnce.put("/routes/" + site, "The site's route on the router was missing; it was written again.");

		ReconcileRound round = reconciler.run();

		assertThat(round.repaired()).isEqualTo(2);
		assertThat(round.problems()).isEmpty();
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites [") && call.contains("{\"id\":" + site + ","))
			.anyMatch(call -> call.startsWith("PUT /routes [") && call.contains("{\"siteId\":" + site + ","));
		String page = mvc.perform(get("/admin/repairs").with(ADMIN)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("rey-drift").contains("App server")
			.contains("The site&#39;s service was missing; it was created again.")
			.contains("The site&#39;s route on the router was missing; it was written again.")
			.containsPattern("<span>2</span>\\s+repairs");
		mvc.perform(get("/admin/repairs").with(as("rey"))).andExpect(status().isForbidden());

		assertThat(reconciler.run().repaired()).as("a second round, with nothing left to put right").isZero();
	}

	@Test
	void anAppServerOrRouterThatStartedAgainGetsARoundAtOnceAndOneThatDidNotGetsNone() throws Exception {
		COMPONENTS.started.set(Instant.now().toString());
		OffsetDateTime before = lastRoundStart();

		componentStarts.check();

		Await.until("a round after the components' start", Duration.ofSeconds(20),
				() -> lastRoundStart().isAfter(before));
		OffsetDateTime afterStart = lastRoundStart();
		componentStarts.check();
		Thread.sleep(2000);
		assertThat(lastRoundStart()).as("no round without a new start").isEqualTo(afterStart);

		COMPONENTS.started.set(Instant.now().plusSeconds(1).toString());
		componentStarts.check();
		Await.until("a round after the next start", Duration.ofSeconds(20),
				() -> lastRoundStart().isAfter(afterStart));
	}

	private OffsetDateTime lastRoundStart() {
		return reconciler.lastRound().map(ReconcileRound::startedAt).orElse(OffsetDateTime.MIN);
	}

	@Test
	void whatIsLeftOfADeletedSiteIsRemovedAndWhatBelongsToASiteStays() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-kept", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		long gone = site + 1000;
		COMPONENTS.served.addAll(List.of(site, gone));
		COMPONENTS.routed.addAll(List.of(site, gone));
		COMPONENTS.calls.clear();

		ReconcileRound first = reconciler.run();

		assertThat(first.problems()).isEmpty();
		assertThat(COMPONENTS.calls).as("a leftover found once").noneMatch(call -> call.startsWith("DELETE"));
		ReconcileRound round = reconciler.run();
		assertThat(round.problems()).isEmpty();
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("DELETE /sites/" + gone + "/serving "))
			.anyMatch(call -> call.startsWith("DELETE /routes/" + gone + " "))
			.noneMatch(call -> call.startsWith("DELETE /sites/" + site + "/"))
			.noneMatch(call -> call.startsWith("DELETE /routes/" + site + " "));
		assertThat(COMPONENTS.served).containsExactly(site);
		assertThat(COMPONENTS.routed).containsExactly(site);
		String page = mvc.perform(get("/admin/repairs").with(ADMIN)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("site " + gone + " (deleted)")
			.contains("The service of site " + gone + ", which no longer exists, was removed.")
			.contains("The route of site " + gone + " was removed.");
		COMPONENTS.served.clear();
		COMPONENTS.routed.clear();
	}

	@Test
	void aLeftoverAnotherManagersRoundFoundIsRemovedByThisManagersNextRound() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-shared", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		long gone = site + 3000;
		COMPONENTS.served.add(gone);
		COMPONENTS.calls.clear();
		// What another manager of the platform found in its round, as it left it in the database they share.
		jdbc.sql("insert into leftover_sightings (component, site_id) values ('APP_SERVER', ?)").param(gone).update();

		ReconcileRound round = reconciler.run();

		assertThat(round.problems()).isEmpty();
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("DELETE /sites/" + gone + "/serving "));
		assertThat(COMPONENTS.served).doesNotContain(gone);
		assertThat(jdbc.sql("select count(*) from leftover_sightings where site_id = ?").param(gone).query(Long.class)
			.single()).as("what the next round remembers").isEqualTo(1L);
		assertThat(reconciler.run().problems()).isEmpty();
		assertThat(jdbc.sql("select count(*) from leftover_sightings where site_id = ?").param(gone).query(Long.class)
			.single()).as("once it is gone").isZero();
	}

	@Test
	void manyUnknownSitesAtOnceAreToldRatherThanRemoved() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-many", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		for (long id = site + 2000; id < site + 2010; id++) {
			COMPONENTS.served.add(id);
		}
		COMPONENTS.calls.clear();
		try {
			reconciler.run();
			ReconcileRound round = reconciler.run();

			assertThat(round.problems()).anySatisfy(problem -> assertThat(problem)
				.startsWith("The app server or the router serves 10 sites this manager does not have")
				.contains("nothing was removed"));
			assertThat(COMPONENTS.calls).noneMatch(call -> call.startsWith("DELETE"));
		}
		finally {
			COMPONENTS.served.clear();
		}
	}

	@Test
	void theSameRepairOfASiteIsListedOnceAnHour() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-again", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		String change = "The site's public folder was missing; it was made again with a default page.";
		for (int round = 0; round < 3; round++) {
			COMPONENTS.driftOnce.put("/sites/" + site, change);
			assertThat(reconciler.run().problems()).isEmpty();
		}
		long listed = jdbc.sql("select count(*) from repairs where site_id = ?").param(site).query(Long.class).single();
		assertThat(listed).isEqualTo(1);
	}

	@Test
	void aSiteWhoseOperationFailedIsLeftForAPerson() throws Exception {
		COMPONENTS.orchestratorFailures.set(1);
		long site = SiteForms.create(mvc, "rey", "rey-failed", "STATIC", null);
		assertThat(awaitFinished(operations, site, OperationKind.CREATE_SITE).status()).isEqualTo(Status.FAILED);
		COMPONENTS.calls.clear();

		ReconcileRound round = reconciler.run();

		assertThat(round.busy()).isGreaterThanOrEqualTo(1);
		assertThat(COMPONENTS.calls).noneMatch(call -> call.startsWith("PUT /sites") && call.contains("{\"id\":" + site + ","))
			.noneMatch(call -> call.startsWith("PUT /routes") && call.contains("{\"siteId\":" + site + ","));
	}

	@Test
	void aSiteTheAppServerRefusesIsNotRoutedAndItsRefusalIsListed() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-refused", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		COMPONENTS.calls.clear();
		COMPONENTS.orchestratorFailures.set(100_000);
		ReconcileRound round;
		try {
			round = reconciler.run();
		}
		finally {
			COMPONENTS.orchestratorFailures.set(0);
		}

		assertThat(round.checked()).isZero();
		assertThat(round.problems()).contains("The app server refused the settings of site rey-refused: nginx says no");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites [") && call.contains("{\"id\":" + site + ","))
			.noneMatch(call -> call.startsWith("PUT /routes"));
	}

	@Test
	void aRoundWithNothingToPutRightStatesOneBatchAtATimeAndOneWhoseBatchWasMostlyRepairsStatesSeveral() throws Exception {
		// Five batches' worth of sites (rows alone, as a restore brings them back).
		jdbc.sql("insert into sites (name, description, type) select 'rey-batch-' || n, 'batches', 'STATIC'"
				+ " from generate_series(1, 5 * 100) n").update();
		try {
			List<Long> added = jdbc.sql("select id from sites where name like 'rey-batch-%' order by id")
				.query(Long.class).list();
			COMPONENTS.batchMillis.set(100);
			reconciler.run(); // whatever other tests left to put right
			COMPONENTS.mostBatchesAtOnce.set(0);
			ReconcileRound quiet = reconciler.run();
			assertThat(quiet.repaired()).isZero();
			assertThat(quiet.problems()).isEmpty();
			assertThat(COMPONENTS.mostBatchesAtOnce.get()).as("batches at once when nothing needs putting right")
				.isEqualTo(1);

			// One site's drift is put right without widening the round.
			COMPONENTS.driftOnce.put("/sites/" + added.get(0), "The site's folder was missing; it was made again.");
			COMPONENTS.mostBatchesAtOnce.set(0);
			assertThat(reconciler.run().repaired()).isEqualTo(1);
			assertThat(COMPONENTS.mostBatchesAtOnce.get()).as("batches at once after one site's repair").isEqualTo(1);

			// Most of a batch drifted, as on a fresh app server: the rest of the round goes several at once.
			List<Long> oldest = sites.ids().subList(0, 100);
			oldest.forEach(id -> COMPONENTS.driftOnce.put("/sites/" + id, "The site's config was missing; it was written."));
			COMPONENTS.mostBatchesAtOnce.set(0);
			ReconcileRound repairing = reconciler.run();
			assertThat(repairing.repaired()).isGreaterThanOrEqualTo(25);
			assertThat(COMPONENTS.mostBatchesAtOnce.get()).as("batches at once after a batch that was mostly repairs")
				.isGreaterThan(1);
		}
		finally {
			COMPONENTS.driftOnce.clear();
			COMPONENTS.batchMillis.set(0);
			jdbc.sql("delete from sites where name like 'rey-batch-%'").update();
		}
	}

	@Test
	void anAppServerThatCannotBeReachedEndsTheRoundAndTheNextOneGoesOn() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-away", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		COMPONENTS.orchestratorDown.set(1);

		ReconcileRound stopped = reconciler.run();

		assertThat(stopped.problems())
			.containsExactly("The app server could not be reached; the round stopped and the next one tries again.");
		COMPONENTS.orchestratorDown.set(0);
		ReconcileRound next = reconciler.run();
		assertThat(next.problems()).isEmpty();
		assertThat(next.checked()).isEqualTo(sites.ids().size() - next.busy());
	}

	@Test
	void anOperationWaitsWhileTheReconcilerHoldsTheSite() throws Exception {
		long site = SiteForms.create(mvc, "rey", "rey-held", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		CompletableFuture<Long> restart;
		CompletableFuture<Void> holding = new CompletableFuture<>();
		CompletableFuture<Void> release = new CompletableFuture<>();
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
			assertThat(sites.lockById(site)).isPresent();
			holding.complete(null);
			release.join();
		}));
		holding.get(10, TimeUnit.SECONDS);
		restart = CompletableFuture.supplyAsync(
				() -> transactions.execute(tx -> operations.start(site, OperationKind.RESTART_PROCESS, null)));
		Thread.sleep(1000);
		assertThat(restart).as("an operation starting while the reconciler holds the site").isNotDone();
		release.complete(null);
		holder.get(10, TimeUnit.SECONDS);
		assertThat(restart.get(10, TimeUnit.SECONDS)).isPositive();
		awaitSucceeded(operations, site, OperationKind.RESTART_PROCESS);
	}

}
