package edu.tjhsst.director.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Real OpenSSH key pairs, made by ssh-keygen in a test's folder, and the keys a user has stored. */
final class TestSshKeys {

	private TestSshKeys() {
	}

	/** Makes an ed25519 key pair called {@code name} in the folder and returns its public key's line. */
	static String generate(Path folder, String name) throws IOException, InterruptedException {
		Path file = folder.resolve(name);
		Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@laptop",
				"-f", file.toString()).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).isZero();
		return Files.readString(folder.resolve(name + ".pub")).strip();
	}

	/** The fingerprint ssh-keygen shows for that key pair's public key. */
	static String fingerprint(Path folder, String name) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("ssh-keygen", "-lf", folder.resolve(name + ".pub").toString()).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		return output.split(" ")[1];
	}

	/** How many keys the user has stored. */
	static long count(JdbcClient jdbc, String username) {
		return jdbc.sql("select count(*) from ssh_keys k join users u on u.id = k.user_id where u.username = ?")
			.param(username).query(Long.class).single();
	}

}
