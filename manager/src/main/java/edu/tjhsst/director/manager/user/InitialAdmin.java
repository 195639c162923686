package edu.tjhsst.director.manager.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * Creates the first administrator on an empty database. Its generated password is written once to a file
 * readable only by its owner, for the run command to print and delete; it is never logged. It runs once every
 * bean exists (so after the migrations) and before the web server starts, so the file is there by the time the
 * portal answers its health check.
 */
@Component
class InitialAdmin implements SmartInitializingSingleton {

	static final String USERNAME = "admin";

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final Path passwordFile;

	InitialAdmin(UserRepository users, PasswordEncoder encoder, DirectorProperties properties) {
		this.users = users;
		this.encoder = encoder;
		// In the secrets directory, which the manager's user owns; the data directory itself is root's.
		this.passwordFile = properties.data().resolve("secrets").resolve("initial-admin-password");
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			createIfNoAccounts();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + passwordFile, ex);
		}
	}

	private void createIfNoAccounts() throws IOException {
		if (users.count() > 0) {
			return;
		}
		String password = Passwords.generate();
		Files.createDirectories(passwordFile.getParent());
		Path temp = Files.createTempFile(passwordFile.getParent(), ".admin", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temp, USERNAME + "\n" + password + "\n");
		users.create(USERNAME, "admin@localhost", "Administrator", Role.ADMIN, encoder.encode(password));
		Files.move(temp, passwordFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		log.info("created the administrator account '{}'; its password is in {}", USERNAME, passwordFile);
	}

}
