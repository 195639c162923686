package edu.tjhsst.director.manager.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.springframework.stereotype.Component;

/**
 * Opens ACME sessions with the configured CA. The CA's own HTTPS is checked against the JVM's roots and, where an
 * operator names one, a file of further roots (a school's own CA, or a test CA): trust is only ever added, never
 * switched off.
 */
@Component
class AcmeSessions {

	private final AcmeProperties properties;

	private final SSLContext ssl;

	AcmeSessions(AcmeProperties properties) {
		this.properties = properties;
		this.ssl = properties.caFile().isEmpty() ? null : context(Path.of(properties.caFile()));
	}

	Session open() {
		return new Session(URI.create(properties.directory()), new GenericAcmeProvider() {
			@Override
			protected HttpConnector createHttpConnector(NetworkSettings settings) {
				return new HttpConnector(settings) {
					@Override
					public HttpClient.Builder createClientBuilder() {
						HttpClient.Builder builder = super.createClientBuilder();
						return ssl == null ? builder : builder.sslContext(ssl);
					}
				};
			}
		});
	}

	/** A context trusting the JVM's roots and those in the file. */
	private static SSLContext context(Path caFile) {
		try (InputStream in = Files.newInputStream(caFile)) {
			List<X509TrustManager> managers = new ArrayList<>();
			managers.add(trustManager(null));
			KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
			extra.load(null, null);
			int n = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				extra.setCertificateEntry("extra-" + n++, certificate);
			}
			if (n == 0) {
				throw new IllegalArgumentException("DIRECTOR_ACME_CA_FILE holds no PEM certificate: " + caFile);
			}
			managers.add(trustManager(extra));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new EitherTrustManager(managers) }, null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read DIRECTOR_ACME_CA_FILE " + caFile, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("DIRECTOR_ACME_CA_FILE cannot be used: " + ex.getMessage(), ex);
		}
	}

	private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("no X.509 trust manager");
	}

	/** Trusts a server that any of its managers trusts. */
	private record EitherTrustManager(List<X509TrustManager> managers) implements X509TrustManager {

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType)
				throws java.security.cert.CertificateException {
			java.security.cert.CertificateException last = null;
			for (X509TrustManager manager : managers) {
				try {
					manager.checkServerTrusted(chain, authType);
					return;
				}
				catch (java.security.cert.CertificateException ex) {
					last = ex;
				}
			}
			throw last;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType)
				throws java.security.cert.CertificateException {
			throw new java.security.cert.CertificateException("the ACME client presents no client certificates");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return managers.stream().flatMap(manager -> List.of(manager.getAcceptedIssuers()).stream())
				.toArray(X509Certificate[]::new);
		}

	}

}
