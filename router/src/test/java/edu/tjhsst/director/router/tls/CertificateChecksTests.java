package edu.tjhsst.director.router.tls;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.router.TestCertificates;
import edu.tjhsst.director.router.TestCertificates.Issued;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the router refuses to serve, and the sentence it says why in; never with the key in it. */
class CertificateChecksTests {

	private static final TestCertificates AUTHORITY = TestCertificates.newAuthority();

	private static final String HOST = "www.example.org";

	private final CertificateChecks checks = new CertificateChecks();

	@Test
	void aCertificateForTheHostWithItsKeyPassesInCanonicalPem() {
		Issued issued = AUTHORITY.issue(HOST, "example.org");
		CheckedCertificate checked = check(HOST, issued.chainPem(), issued.keyPem());
		assertThat(checked.leaf()).isEqualTo(issued.certificate());
		assertThat(checked.version()).matches("[0-9a-f]{16}");
		assertThat(checked.chainPem()).isEqualTo(issued.chainPem());
		assertThat(checked.keyPem()).isEqualTo(issued.keyPem());
		assertThat(checked.toString()).doesNotContain(issued.keyText()).contains("keyPem=[hidden]");
	}

	@Test
	void anRsaKeyPassesToo() {
		Instant now = Instant.now();
		Issued issued = AUTHORITY.issue("RSA", now.minusSeconds(60), now.plus(Duration.ofDays(1)), HOST);
		assertThat(check(HOST, issued.chainPem(), issued.keyPem()).leaf()).isEqualTo(issued.certificate());
	}

	@Test
	void aWildcardCoversOneLabelAndNoMore() {
		Issued issued = AUTHORITY.issue("*.example.org");
		assertThat(check(HOST, issued.chainPem(), issued.keyPem()).host()).isEqualTo(HOST);
		assertRefused("a.www.example.org", issued.chainPem(), issued.keyPem(),
				"the certificate does not name a.www.example.org; it names *.example.org");
		assertRefused("example.org", issued.chainPem(), issued.keyPem(),
				"the certificate does not name example.org; it names *.example.org");
	}

	@Test
	void aCertificateForAnotherHostIsRefused() {
		Issued issued = AUTHORITY.issue("a.example.org");
		assertRefused(HOST, issued.chainPem(), issued.keyPem(),
				"the certificate does not name www.example.org; it names a.example.org");
	}

	@Test
	void theKeyOfAnotherCertificateIsRefused() {
		Issued issued = AUTHORITY.issue(HOST);
		Issued other = AUTHORITY.issue(HOST);
		assertRefused(HOST, issued.chainPem(), other.keyPem(),
				"the key does not belong to the certificate (the first one in the chain)");
	}

	@Test
	void anExpiredCertificateIsRefused() {
		Instant now = Instant.now();
		Issued issued = AUTHORITY.issue("EC", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), HOST);
		assertRefused(HOST, issued.chainPem(), issued.keyPem(), "the certificate expired at ");
	}

	@Test
	void aCertificateNotYetValidIsRefused() {
		Instant now = Instant.now();
		Issued issued = AUTHORITY.issue("EC", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)), HOST);
		assertRefused(HOST, issued.chainPem(), issued.keyPem(), "the certificate is not valid before ");
	}

	@Test
	void garbageIsRefused() {
		Issued issued = AUTHORITY.issue(HOST);
		assertRefused(HOST, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
				issued.keyPem(), "the chain is not a list of PEM X.509 certificates");
		assertRefused(HOST, issued.chainPem(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n",
				"the key is not a PKCS#8 EC or RSA private key");
		assertRefused(HOST, issued.chainPem(), issued.keyPem() + "ssl_certificate /etc/shadow;\n",
				"the key must be exactly one PEM PRIVATE KEY block (PKCS#8)");
	}

	@Test
	void aChainOutOfOrderIsRefused() {
		Issued issued = AUTHORITY.issue(HOST);
		String reversed = AUTHORITY.pem() + issued.chainPem();
		assertRefused(HOST, reversed, issued.keyPem(), "the chain is out of order");
	}

	private CheckedCertificate check(String host, String chainPem, String keyPem) {
		CertificateInstall install = new CertificateInstall(chainPem, keyPem);
		assertThat(install.problems()).isEmpty();
		return checks.check(host, install, Instant.now());
	}

	private void assertRefused(String host, String chainPem, String keyPem, String reason) {
		assertThatThrownBy(() -> check(host, chainPem, keyPem)).isInstanceOf(CertificateRefusedException.class)
			.hasMessageStartingWith(reason)
			.hasNoCause()
			.message().doesNotContain(keyPem.split("\n")[1]);
	}

}
