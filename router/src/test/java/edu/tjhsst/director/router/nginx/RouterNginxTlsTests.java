package edu.tjhsst.director.router.nginx;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.router.HttpsFrontDoor;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.TestCertificates;
import edu.tjhsst.director.router.TestCertificates.Issued;
import edu.tjhsst.director.router.tls.CertificateChecks;
import edu.tjhsst.director.router.tls.CertificateStore;
import edu.tjhsst.director.router.tls.CheckedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The router's real Nginx with certificates, across restarts and refusals, without Spring. */
class RouterNginxTlsTests {

	private static final TestCertificates AUTHORITY = TestCertificates.newAuthority();

	private static final SSLContext TRUST = AUTHORITY.trustingContext();

	private static final String HOST = "secure.example.org";

	private static final Route ROUTE = new Route(21, List.of(HOST));

	private Path prefix;

	private int port;

	private int httpsPort;

	private StartedRouterNginx running;

	@BeforeEach
	void prepare() {
		prefix = StartedRouterNginx.newPrefix("router-tls");
		port = RouterTestSupport.freePort();
		httpsPort = RouterTestSupport.freePort();
	}

	@AfterEach
	void stop() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void aRestartedRouterKeepsServingHttps() throws Exception {
		running = start();
		running.routes().apply(ROUTE).get(30, TimeUnit.SECONDS);
		Issued issued = AUTHORITY.issue(HOST);
		running.routes().serveCertificate(checked(issued, Instant.now())).get(30, TimeUnit.SECONDS);
		running.close();
		running = start();
		HttpsFrontDoor.Response response = HttpsFrontDoor.get(TRUST, httpsPort, HOST, "/");
		assertThat(response.served().getSerialNumber()).isEqualTo(issued.certificate().getSerialNumber());
		assertThat(HttpsFrontDoor.getPlain(port, HOST, "/").status()).isEqualTo(308);
	}

	@Test
	void aCertificateThatExpiredOnDiskFallsBackToHttpAtRestart() throws Exception {
		running = start();
		running.routes().apply(ROUTE).get(30, TimeUnit.SECONDS);
		running.routes().serveCertificate(checked(AUTHORITY.issue(HOST), Instant.now())).get(30, TimeUnit.SECONDS);
		running.close();
		// While the router was down its certificate ran out (made here as one checked in the past).
		Instant now = Instant.now();
		Issued expired = AUTHORITY.issue("EC", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), HOST);
		CertificateStore store = new CertificateStore(prefix, Clock.systemUTC());
		store.makeCurrent(store.stage(checked(expired, now.minus(Duration.ofDays(5)))));
		running = start();
		assertThat(running.routes().serving()).isTrue();
		assertThat(prefix.resolve("sites/route-21.conf")).doesNotExist();
		assertThat(Files.readString(prefix.resolve("sites/route-21.map"))).doesNotContain("ssl_certificate");
		// Nothing answers to the app server's port 9 here: a 502 still shows the host is routed over plain HTTP.
		assertThat(HttpsFrontDoor.getPlain(port, HOST, "/").status()).isEqualTo(502);
		assertThatThrownBy(() -> HttpsFrontDoor.get(TRUST, httpsPort, HOST, "/")).isInstanceOf(UncheckedIOException.class);
	}

	@Test
	void aCertificateNginxRefusesLeavesThePreviousOneServingAndItsFilesGone() throws Exception {
		running = start();
		running.routes().apply(ROUTE).get(30, TimeUnit.SECONDS);
		Issued first = AUTHORITY.issue(HOST);
		running.routes().serveCertificate(checked(first, Instant.now())).get(30, TimeUnit.SECONDS);
		String current = Files.readString(prefix.resolve("certs/" + HOST + "/current")).strip();
		// Past the router's own checks, as if they had missed something: the key is another certificate's.
		CheckedCertificate good = checked(AUTHORITY.issue(HOST), Instant.now());
		CheckedCertificate broken = new CheckedCertificate(HOST, good.leaf(), good.chainPem(),
				checked(AUTHORITY.issue(HOST), Instant.now()).keyPem(), good.version());
		assertThatExceptionOfType(NginxRejectedException.class)
			.isThrownBy(() -> running.routes().serveCertificate(broken));
		assertThat(prefix.resolve("certs/" + HOST + "/" + good.version() + ".crt")).doesNotExist();
		assertThat(prefix.resolve("certs/" + HOST + "/" + good.version() + ".key")).doesNotExist();
		assertThat(Files.readString(prefix.resolve("certs/" + HOST + "/current")).strip()).isEqualTo(current);
		assertThat(HttpsFrontDoor.get(TRUST, httpsPort, HOST, "/").served().getSerialNumber())
			.isEqualTo(first.certificate().getSerialNumber());
		assertThat(Files.getPosixFilePermissions(prefix.resolve("certs")))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	private static CheckedCertificate checked(Issued issued, Instant at) {
		return new CertificateChecks().check(HOST, new CertificateInstall(issued.chainPem(), issued.keyPem()), at);
	}

	private StartedRouterNginx start() {
		return StartedRouterNginx.start(StartedRouterNginx.properties(prefix, port, httpsPort));
	}

}
