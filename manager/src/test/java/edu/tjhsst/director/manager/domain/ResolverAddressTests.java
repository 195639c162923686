package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DIRECTOR_DNS_RESOLVER as an administrator writes it, and the system's servers when it is blank. */
class ResolverAddressTests {

	@TempDir
	Path directory;

	@Test
	void aServerIsAnAddressOrNameAndAPort() {
		assertThat(ResolverAddress.parse("192.0.2.53:5353")).isEqualTo(new ResolverAddress("192.0.2.53", 5353));
		assertThat(ResolverAddress.parse(" dns.school.org:53 ")).isEqualTo(new ResolverAddress("dns.school.org", 53));
		assertThat(ResolverAddress.parse("[2001:db8::53]:53")).isEqualTo(new ResolverAddress("[2001:db8::53]", 53));
	}

	@Test
	void withoutAPortItIsFiftyThree() {
		assertThat(ResolverAddress.parse("192.0.2.53")).hasToString("192.0.2.53:53");
		assertThat(ResolverAddress.parse("[::1]").url()).isEqualTo("dns://[::1]:53");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":53", "2001:db8::53", "192.0.2.53:", "192.0.2.53:dns", "dns://192.0.2.53",
			"Bad_Name:53", "a b:53", "[::1", "192.0.2.53:53/x" })
	void anythingElseStopsTheStartNamingTheVariable(String setting) {
		assertThatIllegalArgumentException().isThrownBy(() -> ResolverAddress.parse(setting))
			.withMessageStartingWith("DIRECTOR_DNS_RESOLVER must be host:port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "192.0.2.53:0", "192.0.2.53:65536", "192.0.2.53:99999" })
	void aPortOutOfRangeIsRefused(String setting) {
		assertThatIllegalArgumentException().isThrownBy(() -> ResolverAddress.parse(setting))
			.withMessageContaining("port is from 1 to 65535");
	}

	@Test
	void theSystemsServersAreTheNameserverLinesInOrder() throws Exception {
		Path file = directory.resolve("resolv.conf");
		Files.writeString(file, "# made by hand\nsearch school.org\nnameserver 10.0.0.53\noptions ndots:2\n"
				+ "  nameserver\t2001:db8::53  \nnameserver fe80::1%eth0\nnameservers 10.9.9.9\n");

		assertThat(ResolverAddress.fromResolvConf(file)).extracting(ResolverAddress::url)
			.containsExactly("dns://10.0.0.53:53", "dns://[2001:db8::53]:53");
	}

	@Test
	void withoutServersTheSystemAsksItself() throws Exception {
		Path empty = Files.writeString(directory.resolve("resolv.conf"), "search school.org\n");

		assertThat(ResolverAddress.fromResolvConf(empty)).containsExactly(new ResolverAddress("127.0.0.1", 53));
		assertThat(ResolverAddress.fromResolvConf(directory.resolve("missing")))
			.containsExactly(new ResolverAddress("127.0.0.1", 53));
	}

}
