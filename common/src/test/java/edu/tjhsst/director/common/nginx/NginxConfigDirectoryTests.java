package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against the real nginx of this machine, as the router does. */
class NginxConfigDirectoryTests {

	@TempDir
	Path dir;

	private LocalNginx nginx;

	private NginxConfigDirectory configs;

	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void startNginx() throws IOException {
		port = TestNginxConfig.onFreePort(dir).port();
		nginx = new LocalNginx("/usr/sbin/nginx", dir);
		configs = new NginxConfigDirectory(dir, dir.toString(), nginx, Duration.ofMillis(200));
		configs.writeMain(main());
		nginx.start();
	}

	@AfterEach
	void stopNginx() {
		configs.close();
		nginx.close();
	}

	private String main() {
		return new TestNginxConfig(dir, port).main();
	}

	private String site(String host, String body) {
		return new TestNginxConfig(dir, port).site(host, body);
	}

	/** A GET of the front page; the JDK sends Host 127.0.0.1, which the test sites name as their server_name. */
	private HttpResponse<String> get() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aGoodFileGoesLiveAndIsServedAfterTheReload() throws Exception {
		configs.apply("site-1.conf", site("127.0.0.1", "first")).get(10, TimeUnit.SECONDS);
		assertThat(get().body()).isEqualTo("first");
		assertThat(configs.read("site-1.conf")).hasValue(site("127.0.0.1", "first"));
	}

	@Test
	void aFileDeletedOrEditedByHandIsToldApartFromOneThatMatches() throws Exception {
		String content = site("127.0.0.1", "first");
		assertThat(configs.changeFor("site-1.conf", content)).isEqualTo(ConfigChange.MISSING);
		configs.apply("site-1.conf", content).get(10, TimeUnit.SECONDS);
		assertThat(configs.changeFor("site-1.conf", content)).isEqualTo(ConfigChange.NONE);
		Files.writeString(dir.resolve("sites/site-1.conf"), site("127.0.0.1", "edited by hand"));
		assertThat(configs.changeFor("site-1.conf", content)).isEqualTo(ConfigChange.DIFFERENT);
		Files.delete(dir.resolve("sites/site-1.conf"));
		assertThat(configs.changeFor("site-1.conf", content)).isEqualTo(ConfigChange.MISSING);
		// Written again, it is served again after the reload.
		configs.apply("site-1.conf", content).get(10, TimeUnit.SECONDS);
		assertThat(get().body()).isEqualTo("first");
	}

	@Test
	void aBrokenFileIsRefusedWithNginxsMessageAndThePreviousOneStays() throws Exception {
		configs.apply("site-1.conf", site("127.0.0.1", "good")).get(10, TimeUnit.SECONDS);
		CompletableFuture<Void> broken = configs.apply("site-1.conf",
				"server { listen 127.0.0.1:" + port + "; bogus_directive on; }");
		assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("bogus_directive");
		assertThat(configs.read("site-1.conf")).hasValue(site("127.0.0.1", "good"));
		assertThat(get().body()).isEqualTo("good");
	}

	@Test
	void aFileThatOnlyFailsWithTheWholeConfigIsRemovedAgain() {
		// Alone this is fine; next to the main config's own "shared" upstream it is a duplicate.
		CompletableFuture<Void> duplicate = configs.apply("site-2.conf", "upstream shared { server 127.0.0.1:10; }");
		assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).cause()
			.isInstanceOf(NginxRejectedException.class).hasMessageContaining("duplicate upstream");
		assertThat(configs.read("site-2.conf")).isEmpty();
		// And Nginx still restarts cleanly from the live directory.
		nginx.test(configs.nginxMainConfig());
	}

	@Test
	void aBurstOfChangesCoalescesIntoFewerReloads() throws Exception {
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			done.add(configs.apply("site-" + i + ".conf", site("s" + i + ".example", "site " + i)));
		}
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		assertThat(configs.reloadCount()).isLessThan(5).isGreaterThanOrEqualTo(1);
	}

	@Test
	void applyingTheSameContentAgainNeedsNoReload() throws Exception {
		configs.apply("site-1.conf", site("127.0.0.1", "same")).get(10, TimeUnit.SECONDS);
		long reloads = configs.reloadCount();
		assertThat(configs.apply("site-1.conf", site("127.0.0.1", "same"))).isCompleted();
		assertThat(configs.reloadCount()).isEqualTo(reloads);
	}

	@Test
	void applyingTheSameContentAfterAFailedReloadReloadsAgain() throws Exception {
		configs.apply("site-1.conf", site("127.0.0.1", "v1")).get(10, TimeUnit.SECONDS);
		nginx.close();
		assertThatThrownBy(() -> configs.apply("site-1.conf", site("127.0.0.1", "v2")).get(10, TimeUnit.SECONDS))
			.hasMessageContaining("nginx is not running");
		nginx.start();
		long reloads = configs.reloadCount();
		configs.apply("site-1.conf", site("127.0.0.1", "v2")).get(10, TimeUnit.SECONDS);
		assertThat(configs.reloadCount()).isEqualTo(reloads + 1);
		assertThat(get().body()).isEqualTo("v2");
	}

	@Test
	void removingAFileStopsServingIt() throws Exception {
		configs.apply("site-1.conf", site("127.0.0.1", "bye")).get(10, TimeUnit.SECONDS);
		configs.remove("site-1.conf").get(10, TimeUnit.SECONDS);
		assertThat(get().statusCode()).isEqualTo(404);
	}

	@Test
	void fileNamesThatCouldEscapeTheDirectoryAreRefused() {
		for (String name : List.of("../nginx.conf", "a/b.conf", "site.txt", "", ".conf", "Site.conf")) {
			assertThatThrownBy(() -> configs.apply(name, "")).as(name).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void anNginxLeftRunningByAKilledComponentIsAdoptedAndServesWithoutAGap() throws Exception {
		configs.apply("a.conf", site("127.0.0.1", "first")).get(10, TimeUnit.SECONDS);
		long pid = Long.parseLong(Files.readString(dir.resolve("nginx.pid")).strip());
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger served = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		Thread load = new Thread(() -> {
			while (!done.get()) {
				try {
					(get().statusCode() == 200 ? served : failures).incrementAndGet();
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
			}
		});
		load.start();
		try {
			// The component dies without a word (its JVM killed); a new run of it starts on the same directory.
			LocalNginx restarted = new LocalNginx("/usr/sbin/nginx", dir);
			NginxConfigDirectory again = new NginxConfigDirectory(dir, dir.toString(), restarted, Duration.ofMillis(200));
			again.writeMain(main());
			restarted.start();
			assertThat(Long.parseLong(Files.readString(dir.resolve("nginx.pid")).strip())).as("the same master")
				.isEqualTo(pid);
			again.apply("a.conf", site("127.0.0.1", "second")).get(10, TimeUnit.SECONDS);
			assertThat(get().body()).isEqualTo("second");
			nginx = restarted;
			configs.close();
			configs = again;
		}
		finally {
			done.set(true);
			load.join();
		}
		assertThat(served.get()).isPositive();
		assertThat(failures.get()).as("requests that failed while the component was replaced").isZero();
	}

}
