package edu.tjhsst.director.manager.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypting the passwords Director stores, under the manager's secrets key. */
class SecretBoxTests {

	private final SecretBox box = new SecretBox("the first test key, long enough");

	@TempDir
	Path data;

	@Test
	void aSecretComesBackAsItWas() {
		String secret = "Xy7pQ2mN9vB4kL8sD3fG6hJ1";

		String stored = box.encrypt(secret);

		assertThat(stored).startsWith("v1:").doesNotContain(secret);
		assertThat(box.decrypt(stored)).isEqualTo(secret);
		assertThat(box.decrypt(box.encrypt("é ü ✓"))).isEqualTo("é ü ✓");
	}

	@Test
	void theSameSecretTwiceIsStoredAsTwoDifferentTexts() {
		assertThat(box.encrypt("same secret")).isNotEqualTo(box.encrypt("same secret"));
	}

	@Test
	void anotherKeyCannotReadIt() {
		String stored = box.encrypt("secret");

		assertThatIllegalStateException().isThrownBy(() -> new SecretBox("another key, also long enough").decrypt(stored))
			.withMessageContaining("was the key changed?");
	}

	@Test
	void aTamperedTextIsRefused() {
		String stored = box.encrypt("secret");
		byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
		bytes[bytes.length - 1] ^= 1;
		String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

		assertThatIllegalStateException().isThrownBy(() -> box.decrypt(tampered));
		assertThatIllegalStateException().isThrownBy(() -> box.decrypt("plain text password"));
		assertThatIllegalStateException().isThrownBy(() -> box.decrypt("v1:not base64!"));
	}

	@Test
	void aShortKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox("short"));
	}

	@Test
	void aMissingKeyFileIsMadeReadableByItsOwnerOnlyAndReused() throws IOException {
		Path file = data.resolve("secrets/manager.key");
		DirectorProperties properties = properties(new DirectorProperties.Secrets("", file.toString()));

		String stored = new SecretBox(properties).encrypt("secret");

		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String key = Files.readString(file);
		assertThat(new SecretBox(properties).decrypt(stored)).isEqualTo("secret");
		assertThat(Files.readString(file)).isEqualTo(key);
	}

	@Test
	void aKeyGivenItselfWinsOverTheFile() {
		Path file = data.resolve("secrets/manager.key");
		String stored = new SecretBox("the key itself, given directly").encrypt("secret");

		SecretBox configured = new SecretBox(
				properties(new DirectorProperties.Secrets("the key itself, given directly", file.toString())));

		assertThat(configured.decrypt(stored)).isEqualTo("secret");
		assertThat(file).doesNotExist();
	}

	private DirectorProperties properties(DirectorProperties.Secrets secrets) {
		return new DirectorProperties(data, null, null, null, null, null, secrets, null);
	}

}
