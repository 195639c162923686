package edu.tjhsst.director.manager.terminal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/** The order in which a terminal's page gets its messages and its close, whichever threads send them. */
class PageOutputTests {

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final CountDownLatch sending = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	/** A page whose socket takes "slow" until released, and records what it was sent and its close. */
	private WebSocketSession page() throws Exception {
		WebSocketSession page = mock(WebSocketSession.class);
		doAnswer(call -> {
			Object payload = call.<WebSocketMessage<?>>getArgument(0).getPayload();
			if (payload.equals("slow")) {
				sending.countDown();
				assertThat(release.await(10, TimeUnit.SECONDS)).as("the slow send released").isTrue();
			}
			sent.add("message " + payload);
			return null;
		}).when(page).sendMessage(any());
		doAnswer(call -> sent.add("close " + call.<CloseStatus>getArgument(0).getCode())).when(page).close(any());
		return page;
	}

	@Test
	void theCloseGoesAfterTheLastMessageEvenWhileAnotherThreadIsSending() throws Exception {
		PageOutput output = new PageOutput(page(), 1024);
		Thread orchestrator = new Thread(() -> output.send(new TextMessage("slow")));
		orchestrator.start();
		assertThat(sending.await(10, TimeUnit.SECONDS)).as("the slow send started").isTrue();

		assertThat(output.send(new TextMessage("error"))).isTrue();
		output.close(CloseStatus.NORMAL);
		assertThat(output.send(new TextMessage("after the close"))).isTrue();
		assertThat(sent).as("nothing overtakes the send under way").isEmpty();

		release.countDown();
		orchestrator.join(10_000);
		assertThat(sent).containsExactly("message slow", "message error", "close 1000");
	}

	@Test
	void aPageWithTooMuchWaitingForItIsNotReadingAndItsUnreliableCloseDropsWhatWaits() throws Exception {
		PageOutput output = new PageOutput(page(), 10);
		Thread orchestrator = new Thread(() -> output.send(new TextMessage("slow")));
		orchestrator.start();
		assertThat(sending.await(10, TimeUnit.SECONDS)).as("the slow send started").isTrue();

		assertThat(output.send(new TextMessage("0123456789"))).isTrue();
		assertThat(output.send(new TextMessage("x"))).as("one byte over the limit").isFalse();
		output.close(CloseStatus.SESSION_NOT_RELIABLE);

		release.countDown();
		orchestrator.join(10_000);
		assertThat(sent).containsExactly("message slow", "close " + CloseStatus.SESSION_NOT_RELIABLE.getCode());
	}

}
