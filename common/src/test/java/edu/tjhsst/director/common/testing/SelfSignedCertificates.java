package edu.tjhsst.director.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;

/** Self-signed EC certificates for tests, made with the JDK's keytool and written out as PEM files. */
public final class SelfSignedCertificates {

	private static final String PASSWORD = "test-only";

	private SelfSignedCertificates() {
	}

	/**
	 * Writes {@code <name>.pem} (the certificate) and {@code <name>.key} (its PKCS#8 key) into the directory.
	 * @param san keytool's subjectAltName list, such as {@code dns:*.sites.localhost} or {@code ip:127.0.0.1}
	 * @return the certificate's file; the key's is beside it
	 */
	public static Path write(Path directory, String name, String san) throws IOException {
		Path store = directory.resolve(name + ".p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process keys = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2",
				"-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true).start();
		String output = new String(keys.getInputStream().readAllBytes());
		try {
			assertThat(keys.waitFor()).as("keytool: %s", output).isZero();
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(store)) {
				keyStore.load(in, PASSWORD.toCharArray());
			}
			PrivateKey key = (PrivateKey) keyStore.getKey(name, PASSWORD.toCharArray());
			Files.writeString(directory.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
			Path certificate = directory.resolve(name + ".pem");
			Files.writeString(certificate, pem("CERTIFICATE", keyStore.getCertificate(name).getEncoded()));
			Files.delete(store);
			return certificate;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while keytool ran", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("cannot read the key keytool made", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
