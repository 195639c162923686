package edu.tjhsst.director.common.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTests {

	@Test
	void aValueIsReturnedAsSoonAsItMatchesAndExceptionsMeanNotYet() {
		AtomicInteger calls = new AtomicInteger();
		int value = Await.value("the third call", Duration.ofSeconds(5), () -> {
			if (calls.incrementAndGet() == 1) {
				throw new IOException("connection refused");
			}
			return calls.get();
		}, seen -> seen == 3);

		assertThat(value).isEqualTo(3);
	}

	@Test
	void aDeadlineThatPassesSaysWhatWasAwaitedAndWhatWasLastSeen() {
		assertThatThrownBy(() -> Await.value("the answer", Duration.ofMillis(200), () -> "not yet", "42"::equals))
			.isInstanceOf(AssertionError.class)
			.hasMessage("waited 200 ms for the answer, in vain; last seen: not yet");
	}

	@Test
	void theLastExceptionIsTheFailuresCause() {
		assertThatThrownBy(() -> Await.until("the server", Duration.ofMillis(100), () -> {
			throw new IOException("connection refused");
		})).isInstanceOf(AssertionError.class)
			.hasMessageContaining("waited 100 ms for the server, in vain; last seen: java.io.IOException: connection refused")
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void aQueuesNextElementIsAwaitedOrMissedWithAMessage() {
		LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
		queue.add("first");

		assertThat(Await.next("a message", Duration.ofSeconds(1), queue)).isEqualTo("first");
		assertThatThrownBy(() -> Await.next("a second message", Duration.ofMillis(50), queue))
			.hasMessage("waited 50 ms for a second message, in vain");
	}

}
