package edu.tjhsst.director.common.nginx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While Nginx tests a batch (hundreds of milliseconds at thousands of sites), reading what is live and asking for the
 * next change do not wait for it, and are told what was live before the batch, not what the disk holds under test.
 * Against the real nginx of this machine, with each test held until the test case lets it go.
 */
class ReadsDuringATestTests {

	@TempDir
	Path dir;

	private TestNginxConfig config;

	private LocalNginx nginx;

	/** When set, each test waits until it is counted down, having counted down {@link #testing}. */
	private volatile CountDownLatch holdTests;

	private volatile CountDownLatch testing = new CountDownLatch(1);

	private NginxConfigDirectory configs;

	@BeforeEach
	void startNginx() {
		config = TestNginxConfig.onFreePort(dir);
		nginx = new LocalNginx("/usr/sbin/nginx", dir);
		NginxControl held = new NginxControl() {
			@Override
			public void test(String mainConfig) {
				CountDownLatch hold = holdTests;
				if (hold != null) {
					testing.countDown();
					try {
						hold.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				nginx.test(mainConfig);
			}

			@Override
			public void reload() {
				nginx.reload();
			}
		};
		configs = new NginxConfigDirectory(dir, dir.toString(), held, Duration.ofMillis(100));
		configs.writeMain(config.main());
		nginx.start();
	}

	@AfterEach
	void stopNginx() {
		CountDownLatch held = holdTests;
		holdTests = null;
		if (held != null) {
			// A test case that failed while Nginx's test was held lets it go, so that closing does not wait for it.
			held.countDown();
		}
		configs.close();
		nginx.close();
	}

	@Test
	void readersAndNewChangesDoNotWaitAndSeeWhatWasLiveBeforeTheBatch() throws Exception {
		String before = config.site("held.example", "before");
		String after = config.site("held.example", "after");
		configs.apply("held.conf", before).get(10, TimeUnit.SECONDS);
		CountDownLatch release = hold();
		CompletableFuture<Void> changed = configs.apply("held.conf", after);
		awaitTest();
		assertThat(Files.readString(dir.resolve("sites/held.conf"))).as("on disk, under test").isEqualTo(after);

		assertThat(withoutWaiting(() -> configs.read("held.conf"))).as("live").hasValue(before);
		assertThat(withoutWaiting(configs::fileNames)).containsExactly("held.conf");
		CompletableFuture<Void> next = withoutWaiting(() -> configs.apply("other.conf",
				config.site("other.example", "other")));
		assertThat(next).as("the next batch's change").isNotDone();
		assertThat(changed).isNotDone();

		release.countDown();
		changed.get(10, TimeUnit.SECONDS);
		assertThat(configs.read("held.conf")).hasValue(after);
		next.get(10, TimeUnit.SECONDS);
		assertThat(configs.fileNames()).containsExactly("held.conf", "other.conf");
	}

	@Test
	void aFileTheBatchReplacesIsLiveUntilTheReloadAndAskingForItAgainKeepsIt() throws Exception {
		String old = config.site("kind.example", "conf");
		configs.apply("kind.conf", old).get(10, TimeUnit.SECONDS);
		CountDownLatch release = hold();
		CompletableFuture<Void> switched = configs.apply("kind.map", "kind.example 1;\n", List.of("kind.conf"));
		awaitTest();

		assertThat(withoutWaiting(() -> configs.read("kind.conf"))).as("replaced, under test").hasValue(old);
		assertThat(withoutWaiting(configs::fileNames)).as("the new file is not live yet").containsExactly("kind.conf");
		// Asked for as it is while the batch would retire it: a later request, which wins.
		CompletableFuture<Void> kept = withoutWaiting(() -> configs.apply("kind.conf", old));
		assertThat(kept).isNotDone();

		release.countDown();
		switched.get(10, TimeUnit.SECONDS);
		kept.get(10, TimeUnit.SECONDS);
		assertThat(configs.fileNames()).containsExactly("kind.conf", "kind.map");
		assertThat(dir.resolve("sites/kind.conf")).hasContent(old);
	}

	@Test
	void aFileThatCannotBeReadWhenItsBatchIsTakenFailsItsOwnChangeAlone() throws Exception {
		configs.apply("first.conf", config.site("first.example", "first")).get(10, TimeUnit.SECONDS);
		CountDownLatch release = hold();
		// The first change starts a test; the two after it wait for the next batch, which takes them together.
		CompletableFuture<Void> starter = configs.apply("starter.conf", config.site("starter.example", "s"));
		awaitTest();
		CompletableFuture<Void> good = configs.apply("good.conf", config.site("good.example", "good"));
		CompletableFuture<Void> bad = configs.apply("bad.conf", config.site("bad.example", "bad"));
		// Before that batch is taken, a hand edits the file: Nginx takes it (a comment of bytes that are not UTF-8),
		// this directory cannot read it.
		byte[] site = config.site("bad.example", "by hand").getBytes(StandardCharsets.US_ASCII);
		byte[] edited = Arrays.copyOf(site, site.length + 4);
		System.arraycopy(new byte[] { '\n', '#', (byte) 0xff, '\n' }, 0, edited, site.length, 4);
		Files.write(dir.resolve("sites/bad.conf"), edited);
		holdTests = null;
		release.countDown();

		starter.get(10, TimeUnit.SECONDS);
		good.get(10, TimeUnit.SECONDS);
		assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasMessageContaining("bad.conf");
		assertThat(configs.read("good.conf")).isPresent();
		assertThat(dir.resolve("sites/bad.conf")).hasBinaryContent(edited);
	}

	private CountDownLatch hold() {
		testing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		holdTests = release;
		return release;
	}

	private void awaitTest() throws InterruptedException {
		assertThat(testing.await(10, TimeUnit.SECONDS)).as("the batch's test started").isTrue();
	}

	/** What the call answers within a second: far less than a held test, which it must not wait for. */
	private static <T> T withoutWaiting(Supplier<T> call) throws Exception {
		return CompletableFuture.supplyAsync(call).get(1, TimeUnit.SECONDS);
	}

}
