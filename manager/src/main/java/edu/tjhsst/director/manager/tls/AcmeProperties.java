package edu.tjhsst.director.manager.tls;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import edu.tjhsst.director.common.site.HostNames;

/**
 * Where certificates come from, bound from {@code director.acme.*} (see application.properties for the environment
 * variables); a setting that makes no sense stops the start with a message naming its variable.
 * @param directory the ACME server's directory URL; blank when the platform gets no certificates
 * @param email an address the CA may write to about the account; blank for none
 * @param caFile a PEM file of roots trusted, besides the JVM's, when talking to the CA; blank for none
 * @param renewBefore how long before its expiry a certificate is renewed
 * @param sweepInterval how often the renewal job looks for certificates to get or renew
 * @param orderTimeout the longest one order (validation and issuance) may take
 * @param portalHost the portal's own host name, which gets a certificate too; blank for none
 * @param siteNames whether each site's own name gets an ACME certificate too
 */
@ConfigurationProperties("director.acme")
public record AcmeProperties(String directory, String email, String caFile, Duration renewBefore,
		Duration sweepInterval, Duration orderTimeout, String portalHost, boolean siteNames) {

	public AcmeProperties {
		directory = directory == null ? "" : directory.strip();
		if (!directory.isEmpty()) {
			URI uri;
			try {
				uri = URI.create(directory);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("DIRECTOR_ACME_DIRECTORY is not a URL: " + directory);
			}
			if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException("DIRECTOR_ACME_DIRECTORY must be an https:// URL, not " + directory);
			}
		}
		email = email == null ? "" : email.strip();
		if (!email.isEmpty() && !email.matches("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}$")) {
			throw new IllegalArgumentException("DIRECTOR_ACME_EMAIL is not an e-mail address: " + email);
		}
		caFile = caFile == null ? "" : caFile.strip();
		if (!caFile.isEmpty() && !Files.isReadable(Path.of(caFile))) {
			throw new IllegalArgumentException("DIRECTOR_ACME_CA_FILE cannot be read: " + caFile);
		}
		if (renewBefore == null || renewBefore.toDays() < 1 || renewBefore.toDays() > 60) {
			throw new IllegalArgumentException("DIRECTOR_ACME_RENEW_BEFORE must be from 1d to 60d, not " + renewBefore);
		}
		if (sweepInterval == null || sweepInterval.toSeconds() < 1 || sweepInterval.toHours() > 24) {
			throw new IllegalArgumentException("DIRECTOR_ACME_SWEEP_INTERVAL must be from 1s to 24h, not "
					+ sweepInterval);
		}
		if (orderTimeout == null || orderTimeout.toSeconds() < 5 || orderTimeout.toMinutes() > 30) {
			throw new IllegalArgumentException("DIRECTOR_ACME_ORDER_TIMEOUT must be from 5s to 30m, not " + orderTimeout);
		}
		portalHost = portalHost == null ? "" : portalHost.strip();
		if (!portalHost.isEmpty() && !HostNames.isValid(portalHost)) {
			throw new IllegalArgumentException("DIRECTOR_PORTAL_HOST must be a lowercase host name, not " + portalHost);
		}
	}

	/** Whether the platform gets certificates at all. */
	public boolean enabled() {
		return !directory.isEmpty();
	}

}
