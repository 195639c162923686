package edu.tjhsst.director.manager.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.tls.ChallengeAnswer;
import edu.tjhsst.director.manager.remote.RouterClient;

/**
 * Gets one certificate for one host name: orders it, has the router answer the HTTP-01 challenge, waits for the CA to
 * validate it, finalizes with a new key and downloads the chain. Every failure comes back as the CA's own words.
 */
@Component
class CertificateIssuer {

	private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

	private final AcmeSessions sessions;

	private final AcmeAccount account;

	private final RouterClient router;

	private final AcmeProperties properties;

	CertificateIssuer(AcmeSessions sessions, AcmeAccount account, RouterClient router, AcmeProperties properties) {
		this.sessions = sessions;
		this.account = account;
		this.router = router;
		this.properties = properties;
	}

	IssuedCertificate issue(String host) throws CertificateFailure {
		List<String> published = new ArrayList<>();
		try {
			Login login = account.login(sessions.open());
			Order order = login.newOrder().domain(host).create();
			for (Authorization authorization : order.getAuthorizations()) {
				if (authorization.getStatus() != Status.VALID) {
					validate(authorization, published);
				}
			}
			if (order.waitUntilReady(properties.orderTimeout()) != Status.READY) {
				throw new CertificateFailure("The CA did not get ready to issue: " + problem(order.getError().orElse(null)));
			}
			KeyPair key = KeyPairs.newPair();
			order.execute(key);
			if (order.waitForCompletion(properties.orderTimeout()) != Status.VALID) {
				throw new CertificateFailure("The CA did not issue the certificate: "
						+ problem(order.getError().orElse(null)));
			}
			Certificate certificate = order.getCertificate();
			StringWriter chain = new StringWriter();
			certificate.writeCertificate(chain);
			Instant notAfter = certificate.getCertificate().getNotAfter().toInstant();
			log.info("the CA issued a certificate for {}, valid until {}", host, notAfter);
			return new IssuedCertificate(chain.toString(), KeyPairs.privateKeyPem(key), notAfter);
		}
		catch (AcmeRateLimitedException ex) {
			throw CertificateFailure.rateLimited("The CA limits how often it issues: " + ex.getMessage(),
					ex.getRetryAfter().orElse(null));
		}
		catch (AcmeException ex) {
			throw new CertificateFailure("The CA refused: " + ex.getMessage());
		}
		catch (ComponentCallException ex) {
			throw new CertificateFailure("The router could not answer the CA's challenge: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CertificateFailure("Interrupted while the CA validated " + host + ".");
		}
		finally {
			for (String token : published) {
				withdraw(token);
			}
		}
	}

	/** Publishes the answer on the router, asks the CA to look, and waits for its verdict. */
	private void validate(Authorization authorization, List<String> published)
			throws AcmeException, InterruptedException, CertificateFailure {
		Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
			.orElseThrow(() -> new CertificateFailure("The CA offers no HTTP-01 challenge for "
					+ authorization.getIdentifier().getDomain() + "."));
		if (challenge.getStatus() != Status.VALID) {
			router.publishChallenge(new ChallengeAnswer(challenge.getToken(), challenge.getAuthorization()));
			published.add(challenge.getToken());
			challenge.trigger();
			Status status = challenge.waitForCompletion(properties.orderTimeout());
			if (status != Status.VALID) {
				throw new CertificateFailure("The CA could not validate " + authorization.getIdentifier().getDomain()
						+ ": " + problem(challenge.getError().orElse(null)));
			}
		}
	}

	private void withdraw(String token) {
		try {
			router.withdrawChallenge(token);
		}
		catch (ComponentCallException ex) {
			// A stale answer reveals nothing (it is public by design) and is overwritten by the next order's.
			log.warn("could not withdraw an ACME challenge answer from the router: {}", ex.getMessage());
		}
	}

	private static String problem(Problem problem) {
		if (problem == null) {
			return "it gave no reason.";
		}
		String detail = problem.getDetail().orElse(problem.getType().toString());
		return detail.endsWith(".") ? detail : detail + ".";
	}

}
