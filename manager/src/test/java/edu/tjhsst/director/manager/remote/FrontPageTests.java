package edu.tjhsst.director.manager.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Telling the appserver's "not running" page for a dynamic site from any other error. */
class FrontPageTests {

	private static final String PAGE = "Content-Type: text/html\r\n\r\n<html><head><title>This site is not running</title>";

	@Test
	void theNotRunningPageWithABadGatewayStatusIsTheProcessDownPage() {
		assertThat(new RouterClient.FrontPage(502, PAGE).isProcessDownPage()).isTrue();
		assertThat(new RouterClient.FrontPage(504, PAGE).isProcessDownPage()).isTrue();
	}

	@Test
	void anyOtherErrorIsNot() {
		assertThat(new RouterClient.FrontPage(502, "<title>502 Bad Gateway</title>").isProcessDownPage()).isFalse();
		assertThat(new RouterClient.FrontPage(500, PAGE).isProcessDownPage()).isFalse();
		assertThat(new RouterClient.FrontPage(0, "").isProcessDownPage()).isFalse();
	}

}
