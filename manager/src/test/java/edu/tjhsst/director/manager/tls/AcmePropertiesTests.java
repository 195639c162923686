package edu.tjhsst.director.manager.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AcmePropertiesTests {

	private static AcmeProperties with(String directory, String email, String caFile, String portalHost) {
		return new AcmeProperties(directory, email, caFile, Duration.ofDays(30), Duration.ofMinutes(10),
				Duration.ofMinutes(2), portalHost, false);
	}

	@Test
	void aBlankDirectorySwitchesCertificatesOff() {
		assertThat(with("", "", "", "").enabled()).isFalse();
		assertThat(with(null, null, null, null).enabled()).isFalse();
		assertThat(with("https://acme-v02.api.letsencrypt.org/directory", "", "", "").enabled()).isTrue();
	}

	@Test
	void aDirectoryThatIsNotHttpsStopsTheStartNamingItsVariable() {
		assertThatThrownBy(() -> with("http://ca.example/dir", "", "", "")).hasMessageContaining(
				"DIRECTOR_ACME_DIRECTORY must be an https:// URL");
		assertThatThrownBy(() -> with("not a url", "", "", "")).hasMessageContaining("DIRECTOR_ACME_DIRECTORY");
	}

	@Test
	void anEmailAPortalHostAndACaFileAreChecked() {
		assertThatThrownBy(() -> with("", "root@localhost\nBcc: x", "", "")).hasMessageContaining("DIRECTOR_ACME_EMAIL");
		assertThatThrownBy(() -> with("", "", "", "Portal.Example.ORG")).hasMessageContaining("DIRECTOR_PORTAL_HOST");
		assertThatThrownBy(() -> with("", "", "/nonexistent/ca.pem", "")).hasMessageContaining("DIRECTOR_ACME_CA_FILE");
	}

	@Test
	void durationsOutsideTheirRangesAreRefused() {
		assertThatThrownBy(() -> new AcmeProperties("", "", "", Duration.ofHours(1), Duration.ofMinutes(10),
				Duration.ofMinutes(2), "", false)).hasMessageContaining("DIRECTOR_ACME_RENEW_BEFORE");
		assertThatThrownBy(() -> new AcmeProperties("", "", "", Duration.ofDays(30), Duration.ZERO,
				Duration.ofMinutes(2), "", false)).hasMessageContaining("DIRECTOR_ACME_SWEEP_INTERVAL");
		assertThatThrownBy(() -> new AcmeProperties("", "", "", Duration.ofDays(30), Duration.ofMinutes(10),
				Duration.ofHours(2), "", false)).hasMessageContaining("DIRECTOR_ACME_ORDER_TIMEOUT");
	}

}
