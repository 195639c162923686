package edu.tjhsst.director.manager.tls;

import java.security.KeyPair;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.SecretBox;

/**
 * The platform's account with the CA: its key is made once per directory URL and kept sealed in
 * {@code acme_accounts}; registering again with the same key finds the same account, so a lost account URL costs
 * nothing.
 */
@Component
class AcmeAccount {

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final AcmeProperties properties;

	AcmeAccount(JdbcClient jdbc, SecretBox box, AcmeProperties properties) {
		this.jdbc = jdbc;
		this.box = box;
		this.properties = properties;
	}

	/** Signs in to the CA, registering the account on first use (agreeing to the CA's terms). */
	Login login(Session session) throws AcmeException {
		AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key());
		if (!properties.email().isEmpty()) {
			builder.addEmail(properties.email());
		}
		return builder.createLogin(session);
	}

	/** The account key of the configured directory, made and stored on first use. */
	private KeyPair key() {
		String directory = properties.directory();
		String sealed = jdbc.sql("select key_sealed from acme_accounts where directory = ?").param(directory)
			.query(String.class).optional().orElse(null);
		if (sealed == null) {
			KeyPair made = KeyPairs.newPair();
			// Two managers making a key at once: the first one stored wins and both use it.
			jdbc.sql("insert into acme_accounts (directory, key_sealed) values (?, ?) on conflict (directory) do nothing")
				.params(directory, box.encrypt(KeyPairs.encode(made))).update();
			sealed = jdbc.sql("select key_sealed from acme_accounts where directory = ?").param(directory)
				.query(String.class).single();
		}
		return KeyPairs.decode(box.decrypt(sealed));
	}

}
