package edu.tjhsst.director.common.nginx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changes made while a reload runs or cools down share one test of the whole config and one reload; a refused file
 * goes back alone. Against the real nginx of this machine.
 */
class BatchedChangesTests {

	@TempDir
	Path dir;

	private TestNginxConfig config;

	private LocalNginx nginx;

	private final AtomicInteger tests = new AtomicInteger();

	/** The test from which on Nginx cannot test at all, as when the app server's container is gone. */
	private final AtomicInteger unavailableFrom = new AtomicInteger(Integer.MAX_VALUE);

	private NginxConfigDirectory configs;

	@BeforeEach
	void startNginx() {
		config = TestNginxConfig.onFreePort(dir);
		nginx = new LocalNginx("/usr/sbin/nginx", dir);
		NginxControl counted = new NginxControl() {
			@Override
			public void test(String mainConfig) {
				if (tests.incrementAndGet() >= unavailableFrom.get()) {
					throw new IllegalStateException("the container is gone");
				}
				nginx.test(mainConfig);
			}

			@Override
			public void reload() {
				nginx.reload();
			}
		};
		// A long cool-down, so that everything applied right after the first reload waits for the second, together.
		configs = new NginxConfigDirectory(dir, dir.toString(), counted, Duration.ofSeconds(2));
		configs.writeMain(config.main());
		nginx.start();
	}

	@AfterEach
	void stopNginx() {
		configs.close();
		nginx.close();
	}

	/** Applies the files in one batch, after a first reload that starts the cool-down, and counts its tests. */
	private Map<String, CompletableFuture<Void>> applyTogether(Map<String, String> files) throws Exception {
		configs.apply("first.conf", config.site("first.example", "first")).get(10, TimeUnit.SECONDS);
		tests.set(0);
		long reloads = configs.reloadCount();
		Map<String, CompletableFuture<Void>> done = new LinkedHashMap<>();
		files.forEach((name, content) -> done.put(name, configs.apply(name, content)));
		CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).handle((ok, ex) -> null)
			.get(20, TimeUnit.SECONDS);
		assertThat(configs.reloadCount()).as("reloads for the batch").isEqualTo(reloads + 1);
		return done;
	}

	@Test
	void fiftyChangesCostOneTestAndOneReload() throws Exception {
		Map<String, String> files = new LinkedHashMap<>();
		for (int i = 1; i <= 50; i++) {
			files.put("site-" + i + ".conf", config.site("s" + i + ".example", "site " + i));
		}
		Map<String, CompletableFuture<Void>> done = applyTogether(files);
		assertThat(done.values()).allMatch(future -> !future.isCompletedExceptionally());
		assertThat(tests.get()).isEqualTo(1);
	}

	@Test
	void aBrokenFileInABatchIsRefusedAloneAndTheOthersGoLive() throws Exception {
		configs.apply("site-7.conf", config.site("s7.example", "before")).get(10, TimeUnit.SECONDS);
		Map<String, String> files = new LinkedHashMap<>();
		for (int i = 1; i <= 20; i++) {
			files.put("site-" + i + ".conf", i == 7 ? "server { bogus_directive on; }"
					: config.site("s" + i + ".example", "site " + i));
		}
		Map<String, CompletableFuture<Void>> done = applyTogether(files);
		assertThatThrownBy(() -> done.get("site-7.conf").get()).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("bogus_directive");
		assertThat(configs.read("site-7.conf")).hasValue(config.site("s7.example", "before"));
		done.forEach((name, future) -> assertThat(future.isCompletedExceptionally()).as(name)
			.isEqualTo(name.equals("site-7.conf")));
		// Nginx names the file: the batch, the batch without it, and the rest admitted, not a test per file.
		assertThat(tests.get()).isLessThanOrEqualTo(3);
		nginx.test(configs.nginxMainConfig());
	}

	@Test
	void aFileThatClashesWithALiveOneNamedInstead() throws Exception {
		// The live file comes later in the include order, so Nginx's message names it, not the new file to blame.
		configs.apply("site-9.conf", "upstream clash { server 127.0.0.1:9; }").get(10, TimeUnit.SECONDS);
		Map<String, String> files = new LinkedHashMap<>();
		for (int i = 1; i <= 8; i++) {
			files.put("site-" + i + ".conf", i == 3 ? "upstream clash { server 127.0.0.1:10; }"
					: config.site("s" + i + ".example", "site " + i));
		}
		Map<String, CompletableFuture<Void>> done = applyTogether(files);
		assertThatThrownBy(() -> done.get("site-3.conf").get()).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("duplicate upstream");
		assertThat(configs.read("site-3.conf")).isEmpty();
		done.forEach((name, future) -> assertThat(future.isCompletedExceptionally()).as(name)
			.isEqualTo(name.equals("site-3.conf")));
		assertThat(configs.read("site-9.conf")).hasValue("upstream clash { server 127.0.0.1:9; }");
		nginx.test(configs.nginxMainConfig());
	}

	@Test
	void twoNewFilesThatClashKeepTheFirst() throws Exception {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("site-1.conf", "upstream twin { server 127.0.0.1:9; }");
		files.put("site-2.conf", "upstream twin { server 127.0.0.1:10; }");
		files.put("site-3.conf", config.site("s3.example", "three"));
		Map<String, CompletableFuture<Void>> done = applyTogether(files);
		assertThat(done.get("site-1.conf")).isCompleted().isNotCompletedExceptionally();
		assertThat(done.get("site-2.conf")).isCompletedExceptionally();
		assertThat(done.get("site-3.conf")).isCompleted().isNotCompletedExceptionally();
		assertThat(configs.read("site-2.conf")).isEmpty();
	}

	@Test
	void aFileChangedTwiceInABatchGoesBackToWhatNginxLastAccepted() throws Exception {
		configs.apply("site-5.conf", config.site("s5.example", "accepted")).get(10, TimeUnit.SECONDS);
		// Within the cool-down after that reload, so both changes wait for the next test together.
		CompletableFuture<Void> between = configs.apply("site-5.conf", config.site("s5.example", "never tested"));
		CompletableFuture<Void> broken = configs.apply("site-5.conf", "server { bogus_directive on; }");
		CompletableFuture.allOf(between, broken).handle((ok, ex) -> null).get(20, TimeUnit.SECONDS);
		assertThat(between).isCompletedExceptionally();
		assertThat(broken).isCompletedExceptionally();
		assertThat(configs.read("site-5.conf")).hasValue(config.site("s5.example", "accepted"));
	}

	@Test
	void aChangeIsNotLiveUntilItsTestSoAKilledComponentLeavesNothingUntested() throws Exception {
		configs.apply("first.conf", config.site("first.example", "first")).get(10, TimeUnit.SECONDS);
		CompletableFuture<Void> waiting = configs.apply("site-1.conf", config.site("s1.example", "one"));
		// Within the cool-down: asked for, not yet tested, so not where a restarted Nginx would read it.
		assertThat(configs.read("site-1.conf")).isEmpty();
		assertThat(dir.resolve("sites/site-1.conf")).doesNotExist();
		waiting.get(10, TimeUnit.SECONDS);
		assertThat(configs.read("site-1.conf")).hasValue(config.site("s1.example", "one"));
	}

	@Test
	void twoMapFilesThatClaimOneHostKeepTheFirstAndRefuseTheOther() throws Exception {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("site-1.map", "taken.example 1;\n");
		files.put("site-2.map", "taken.example 2;\n");
		files.put("site-3.map", "free.example 3;\n");
		Map<String, CompletableFuture<Void>> done = applyTogether(files);
		assertThatThrownBy(() -> done.get("site-2.map").get()).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("conflicting parameter");
		assertThat(done.get("site-1.map")).isCompleted().isNotCompletedExceptionally();
		assertThat(done.get("site-3.map")).isCompleted().isNotCompletedExceptionally();
		assertThat(configs.read("site-2.map")).isEmpty();
	}

	@Test
	void aFileOfAnotherKindReplacesTheOldOneInTheSameReloadAndNotWhenRefused() throws Exception {
		configs.apply("site-7.map", "s7.example 7;\n").get(10, TimeUnit.SECONDS);
		configs.apply("site-8.map", "s8.example 8;\n").get(10, TimeUnit.SECONDS);
		CompletableFuture<Void> switched = configs.apply("site-7.conf", config.site("s7.example", "seven"),
				List.of("site-7.conf", "site-7.map"));
		CompletableFuture<Void> refused = configs.apply("site-8.conf", "server { bogus_directive on; }",
				List.of("site-8.map"));
		switched.get(10, TimeUnit.SECONDS);
		assertThat(configs.fileNames()).contains("site-7.conf").doesNotContain("site-7.map");
		assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NginxRejectedException.class);
		assertThat(configs.fileNames()).contains("site-8.map").doesNotContain("site-8.conf");
	}

	@Test
	void ofTwoSwitchesOfOneSiteTheLaterWinsAndTheSiteKeepsAFile() throws Exception {
		configs.apply("site-5.map", "s5.example 5;\n").get(10, TimeUnit.SECONDS);
		// Both kinds asked for in one batch, each replacing the other.
		CompletableFuture<Void> toServer = configs.apply("site-5.conf", config.site("s5.example", "five"),
				List.of("site-5.map"));
		CompletableFuture<Void> backToMap = configs.apply("site-5.map", "s5.example 5;\n", List.of("site-5.conf"));
		CompletableFuture.allOf(toServer, backToMap).get(10, TimeUnit.SECONDS);
		assertThat(configs.fileNames()).contains("site-5.map").doesNotContain("site-5.conf");
		// A switch whose caller gave up, then asked for the file that is live already: the later request wins.
		CompletableFuture<Void> abandoned = configs.apply("site-5.conf", config.site("s5.example", "five"),
				List.of("site-5.map"));
		CompletableFuture<Void> retried = configs.apply("site-5.map", "s5.example 5;\n", List.of("site-5.conf"));
		CompletableFuture.allOf(abandoned, retried).get(10, TimeUnit.SECONDS);
		assertThat(configs.fileNames()).contains("site-5.map").doesNotContain("site-5.conf");
	}

	@Test
	void atStartAFileNginxNamesAsTheReasonItRefusesIsSetAsideAndTheOthersStay() throws Exception {
		// As a copy of the folder from elsewhere, or an older version's files, might hold: each fine alone.
		Files.writeString(dir.resolve("sites/site-1.map"), "taken.example 1;\n");
		Files.writeString(dir.resolve("sites/site-2.map"), "taken.example 2;\n");
		Files.writeString(dir.resolve("sites/site-3.conf"), config.site("s3.example", "three"));

		assertThat(configs.setAsideRefused()).containsExactly("site-2.map");

		assertThat(dir.resolve("rejected/site-2.map")).hasContent("taken.example 2;\n");
		assertThat(configs.fileNames()).containsExactly("site-1.map", "site-3.conf");
		nginx.test(configs.nginxMainConfig());
	}

	@Test
	void atStartAFileRefusedForAReasonThatNamesNoFileIsFoundByHalves() throws Exception {
		for (int site = 1; site <= 9; site++) {
			Files.writeString(dir.resolve("sites/site-" + site + ".map"), "s" + site + ".example " + site + ";\n");
		}
		// Nginx reports a certificate it cannot load by the certificate's path, not the file that names it.
		Files.writeString(dir.resolve("sites/site-6.conf"), "server { listen 127.0.0.1:1 ssl; server_name s6.example;"
				+ " ssl_certificate " + dir.resolve("gone.pem") + "; ssl_certificate_key " + dir.resolve("gone.key")
				+ "; }\n");

		assertThat(configs.setAsideRefused()).containsExactly("site-6.conf");

		assertThat(dir.resolve("rejected/site-6.conf")).content().contains("gone.pem");
		assertThat(configs.fileNames()).hasSize(9).doesNotContain("site-6.conf");
		nginx.test(configs.nginxMainConfig());
	}

	@Test
	void atStartMoreRefusedFilesThanATemplateMistakeExplainsAreAllKeptAfterAFewTests() throws Exception {
		for (int site = 1; site <= 100; site++) {
			Files.writeString(dir.resolve("sites/site-" + site + ".conf"), "server { bogus_site on; }\n");
		}
		tests.set(0);
		assertThatThrownBy(() -> configs.setAsideRefused()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("template is to blame").hasMessageContaining("bogus_site");
		assertThat(configs.fileNames()).hasSize(100);
		assertThat(tests.get()).as("tests before giving up").isLessThan(RefusedAtStart.MOST + 5);
		assertThat(dir.resolve("rejected")).doesNotExist();
		assertThat(dir.resolve("kept-at-start")).doesNotExist();
	}

	@Test
	void atStartWhenNginxCannotTestInTheMiddleOfTheTrialEveryFileStays() throws Exception {
		for (int site = 1; site <= 9; site++) {
			Files.writeString(dir.resolve("sites/site-" + site + ".map"), "s" + site + ".example " + site + ";\n");
		}
		Files.writeString(dir.resolve("sites/site-5.conf"), "server { bogus_site on; }\n");
		tests.set(0);
		unavailableFrom.set(3);

		assertThatThrownBy(() -> configs.setAsideRefused()).hasMessageContaining("the container is gone");

		assertThat(configs.fileNames()).hasSize(10);
		assertThat(dir.resolve("sites/site-5.conf")).hasContent("server { bogus_site on; }\n");
		unavailableFrom.set(Integer.MAX_VALUE);
		assertThat(configs.setAsideRefused()).containsExactly("site-5.conf");
	}

	@Test
	void atStartTheFilesOfAStartCutShortDuringItsTrialComeBack() throws Exception {
		// As a start killed while its trial had taken files out of the live folder leaves them: copies only.
		Files.writeString(dir.resolve("sites/site-1.map"), "s1.example 1;\n");
		Files.createDirectories(dir.resolve("kept-at-start"));
		Files.writeString(dir.resolve("kept-at-start/site-1.map"), "s1.example 1;\n");
		Files.writeString(dir.resolve("kept-at-start/site-2.map"), "s2.example 2;\n");
		Files.writeString(dir.resolve("kept-at-start/.write-123.tmp"), "half");

		assertThat(configs.setAsideRefused()).isEmpty();

		assertThat(configs.fileNames()).containsExactly("site-1.map", "site-2.map");
		assertThat(dir.resolve("sites/site-2.map")).hasContent("s2.example 2;\n");
		assertThat(dir.resolve("kept-at-start")).doesNotExist();
	}

	@Test
	void atStartARefusalOfTheMainConfigSetsNothingAside() throws Exception {
		Files.writeString(dir.resolve("sites/site-1.map"), "s1.example 1;\n");
		configs.writeMain(config.main().replace("events {}", "events {} bogus_main on;"));
		assertThatThrownBy(() -> configs.setAsideRefused()).isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("bogus_main");
		assertThat(dir.resolve("rejected")).doesNotExist();
		assertThat(configs.fileNames()).containsExactly("site-1.map");
		configs.writeMain(config.main());
	}

	@Test
	void whenNginxCannotTestTheBatchItsCallersHearWhyAndNothingUntestedStaysLive() throws Exception {
		configs.apply("site-1.conf", config.site("s1.example", "one")).get(10, TimeUnit.SECONDS);
		configs.apply("site-2.conf", config.site("s2.example", "two")).get(10, TimeUnit.SECONDS);
		// Someone breaks the main config by hand: the changes are not to blame, yet Nginx cannot accept them.
		configs.writeMain(config.main().replace("events {}", "events {} bogus_main on;"));
		CompletableFuture<Void> change = configs.apply("site-1.conf", config.site("s1.example", "changed"));
		CompletableFuture<Void> added = configs.apply("site-3.conf", config.site("s3.example", "new"));
		CompletableFuture<Void> removed = configs.remove("site-2.conf");
		for (CompletableFuture<Void> future : List.of(change, added, removed)) {
			assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause().hasMessageContaining("bogus_main");
		}
		assertThat(configs.read("site-1.conf")).hasValue(config.site("s1.example", "one"));
		assertThat(configs.read("site-3.conf")).isEmpty();
		// A removal cannot break anything and stays (putting a file back could name what is gone, a certificate).
		assertThat(configs.read("site-2.conf")).isEmpty();
		// Once the main config is mended, the same change is tested and reloaded again, and so is the removal Nginx
		// was owed.
		configs.writeMain(config.main());
		long reloads = configs.reloadCount();
		configs.remove("site-2.conf").get(10, TimeUnit.SECONDS);
		assertThat(configs.reloadCount()).as("the reload owed for the removal").isEqualTo(reloads + 1);
		configs.apply("site-1.conf", config.site("s1.example", "changed")).get(10, TimeUnit.SECONDS);
		assertThat(configs.read("site-1.conf")).hasValue(config.site("s1.example", "changed"));
	}

}
