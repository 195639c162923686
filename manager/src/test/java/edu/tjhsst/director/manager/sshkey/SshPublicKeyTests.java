package edu.tjhsst.director.manager.sshkey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public key parser, against keys made by the real ssh-keygen and against damaged or unwanted ones. */
class SshPublicKeyTests {

	@TempDir
	static Path keys;

	/** Makes a key pair with ssh-keygen and returns its public key line. */
	static String keygen(String name, String... options) throws IOException, InterruptedException {
		Path file = keys.resolve(name);
		List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name + "@laptop",
				"-f", file.toString()));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return Files.readString(keys.resolve(name + ".pub")).strip();
	}

	/** The fingerprint as {@code ssh-keygen -lf} prints it. */
	static String fingerprint(String name) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f",
				keys.resolve(name + ".pub").toString()).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		return output.split(" ")[1];
	}

	@Test
	void keysOfEveryAcceptedKindParseWithTheFingerprintSshKeygenPrints() throws Exception {
		record Kind(String name, String algorithm, String[] options) {
		}
		List<Kind> kinds = List.of(new Kind("ed", "ssh-ed25519", new String[] { "-t", "ed25519" }),
				new Kind("ec256", "ecdsa-sha2-nistp256", new String[] { "-t", "ecdsa", "-b", "256" }),
				new Kind("ec384", "ecdsa-sha2-nistp384", new String[] { "-t", "ecdsa", "-b", "384" }),
				new Kind("ec521", "ecdsa-sha2-nistp521", new String[] { "-t", "ecdsa", "-b", "521" }),
				new Kind("rsa2048", "ssh-rsa", new String[] { "-t", "rsa", "-b", "2048" }),
				new Kind("rsa3072", "ssh-rsa", new String[] { "-t", "rsa", "-b", "3072" }));
		for (Kind kind : kinds) {
			String line = keygen(kind.name(), kind.options());
			SshPublicKey key = SshPublicKey.parse(line);
			assertThat(key.algorithm()).isEqualTo(kind.algorithm());
			assertThat(key.fingerprint()).as(kind.name()).isEqualTo(fingerprint(kind.name()));
			assertThat(key.comment()).isEqualTo(kind.name() + "@laptop");
			assertThat(key.line()).isEqualTo(line);
		}
	}

	@Test
	void aKeyWithoutACommentOrWithSurroundingSpaceParses() throws Exception {
		String line = keygen("plain", "-t", "ed25519");
		String[] parts = line.split(" ");
		SshPublicKey bare = SshPublicKey.parse("  " + parts[0] + " " + parts[1] + "\n");
		assertThat(bare.comment()).isEmpty();
		assertThat(bare.fingerprint()).isEqualTo(fingerprint("plain"));
		assertThat(SshPublicKey.parse(parts[0] + "\t" + parts[1] + " my laptop (home)").comment())
			.isEqualTo("my laptop (home)");
	}

	@Test
	void anRsaKeyUnder2048BitsIsRefusedWithItsSize() throws Exception {
		String line = keygen("rsa1024", "-t", "rsa", "-b", "1024");
		assertThatThrownBy(() -> SshPublicKey.parse(line)).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("1024 bits").hasMessageContaining("2048");
	}

	@Test
	void aKeyWhoseNameInFrontDiffersFromTheOneInsideIsRefused() throws Exception {
		String[] ed = keygen("mismatch", "-t", "ed25519").split(" ");
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-rsa " + ed[1])).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("ssh-ed25519 inside");
		String[] ec = keygen("mismatch-ec", "-t", "ecdsa", "-b", "256").split(" ");
		assertThatThrownBy(() -> SshPublicKey.parse("ecdsa-sha2-nistp384 " + ec[1]))
			.isInstanceOf(SshKeyException.class).hasMessageContaining("inside");
	}

	@Test
	void algorithmsOutsideTheListAreRefused() {
		byte[] dss = blob("ssh-dss", new byte[20]);
		for (String line : List.of("ssh-dss " + Base64.getEncoder().encodeToString(dss) + " old",
				"sk-ssh-ed25519@openssh.com AAAA", "ssh-ed448 AAAA", "AAAAC3NzaC1lZDI1NTE5AAAAI")) {
			assertThatThrownBy(() -> SshPublicKey.parse(line)).as(line).isInstanceOf(SshKeyException.class)
				.hasMessageContaining("accepts ssh-ed25519");
		}
	}

	@Test
	void damagedKeysAreRefusedWithAClearMessage() throws Exception {
		String[] good = keygen("damaged", "-t", "ed25519").split(" ");
		byte[] decoded = Base64.getDecoder().decode(good[1]);
		byte[] truncated = java.util.Arrays.copyOf(decoded, decoded.length - 5);
		byte[] extra = java.util.Arrays.copyOf(decoded, decoded.length + 3);
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(truncated)))
			.isInstanceOf(SshKeyException.class).hasMessageContaining("cut short");
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(extra)))
			.isInstanceOf(SshKeyException.class).hasMessageContaining("extra bytes");
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + good[1].substring(0, 20) + "!!" + good[1].substring(22)))
			.isInstanceOf(SshKeyException.class).hasMessageContaining("not valid base64");
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(
				blob("ssh-ed25519", new byte[31])))).isInstanceOf(SshKeyException.class).hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519")).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("missing");
	}

	@Test
	void emptyInputPrivateKeysAndSeveralLinesAreRefused() throws Exception {
		String line = keygen("private", "-t", "ed25519");
		String privateKey = Files.readString(keys.resolve("private"));
		assertThatThrownBy(() -> SshPublicKey.parse(privateKey)).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("private key");
		assertThatThrownBy(() -> SshPublicKey.parse("   ")).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("Paste a public key");
		assertThatThrownBy(() -> SshPublicKey.parse(null)).isInstanceOf(SshKeyException.class);
		assertThatThrownBy(() -> SshPublicKey.parse(line + "\n" + line)).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("one line");
		assertThatThrownBy(() -> SshPublicKey.parse(line + " " + "x".repeat(5000))).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("too long");
	}

	@Test
	void commentsMustBePrintableAndAtMost200Characters() throws Exception {
		String[] parts = keygen("comment", "-t", "ed25519").split(" ");
		String key = parts[0] + " " + parts[1] + " ";
		assertThat(SshPublicKey.parse(key + "c".repeat(200)).comment()).hasSize(200);
		assertThatThrownBy(() -> SshPublicKey.parse(key + "c".repeat(201))).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("at most 200");
		assertThatThrownBy(() -> SshPublicKey.parse(key + "bell\u0007")).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("printable");
		assertThatThrownBy(() -> SshPublicKey.parse(key + "esc\u001b[31m")).isInstanceOf(SshKeyException.class)
			.hasMessageContaining("printable");
	}

	/** A key blob: the algorithm's name, then one more field. */
	private static byte[] blob(String algorithm, byte[] field) {
		byte[] name = algorithm.getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(8 + name.length + field.length).putInt(name.length).put(name).putInt(field.length)
			.put(field).array();
	}

}
