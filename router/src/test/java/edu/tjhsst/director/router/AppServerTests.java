package edu.tjhsst.director.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which app server addresses reach the router's upstream block. */
class AppServerTests {

	@Test
	void anIpv4AddressAndPortAreAccepted() {
		assertThat(AppServer.valueOf("10.0.0.5:8081")).isEqualTo(new AppServer("10.0.0.5", 8081));
	}

	@Test
	void aHostNameIsAcceptedAndLowercased() {
		assertThat(AppServer.valueOf(" AppServer-1.Internal:80 ")).isEqualTo(new AppServer("appserver-1.internal", 80));
	}

	@Test
	void aUnixSocketIsAcceptedAndWrittenAsNginxTakesIt() {
		AppServer server = AppServer.valueOf(" unix:/srv/director/.data/appserver-sockets/director-nginx/http.sock ");
		assertThat(server).isEqualTo(AppServer.unixSocket("/srv/director/.data/appserver-sockets/director-nginx/http.sock"));
		assertThat(server).hasToString("unix:/srv/director/.data/appserver-sockets/director-nginx/http.sock");
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix:", "unix:relative/http.sock", "unix:/a/../b.sock", "unix:/a/./b.sock",
			"unix:/a//b.sock", "unix:/a/b.sock;", "unix:/a b/c.sock", "unix:/a/b.sock max_fails=1", "unix:/a/b\n.sock",
			"unix:/a/b.sock/", "unix:/a/{b}.sock" })
	void aSocketPathMustBeAbsoluteAndPlain(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> AppServer.valueOf(text))
			.withMessageContaining("socket");
	}

	@Test
	void aSocketPathMustFitWhereLinuxKeepsIt() {
		String fits = "/" + "d".repeat(96) + "/http.sock";
		assertThat(fits).hasSize(107);
		assertThat(AppServer.valueOf("unix:" + fits).socket()).isEqualTo(fits);
		assertThatIllegalArgumentException().isThrownBy(() -> AppServer.valueOf("unix:/" + "d".repeat(97) + "/http.sock"))
			.withMessageContaining("at most 107");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "10.0.0.5", "10.0.0.5:", ":8081", "10.0.0.5:0", "10.0.0.5:65536", "256.0.0.1:80",
			"1.2.3:80", "evil.com;:80", "a b:80", "[::1]:80", "-bad.example:80", "host:80:90", "10.0.0.5:99999" })
	void anythingElseIsRefusedWithAClearMessage(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> AppServer.valueOf(text))
			.withMessageContaining("app server");
	}

	@Test
	void dottedQuadsAreCheckedPartByPart() {
		assertThat(AppServer.isIpv4("255.255.255.255")).isTrue();
		assertThat(AppServer.isIpv4("255.255.255.256")).isFalse();
		assertThat(AppServer.isIpv4("0.0.0.0")).isTrue();
	}

}
