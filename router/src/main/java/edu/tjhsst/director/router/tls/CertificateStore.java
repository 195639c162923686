package edu.tjhsst.director.router.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.site.HostNames;

/**
 * The certificates on disk: {@code certs/<host>/<version>.crt} and {@code .key} (mode 600, directories 700), and
 * {@code certs/<host>/current} naming the version Nginx serves. A new version is staged first and becomes current
 * only once Nginx accepted the route files that name it; then older versions go.
 */
public final class CertificateStore {

	private static final Logger log = LoggerFactory.getLogger(CertificateStore.class);

	private static final Pattern VERSION = Pattern.compile("^[0-9a-f]{16}$");

	private final Path root;

	private final Clock clock;

	/** @param nginxDir the router Nginx's prefix, under which {@code certs/} lives */
	public CertificateStore(Path nginxDir, Clock clock) {
		this.root = nginxDir.resolve("certs");
		this.clock = clock;
	}

	/** Writes a checked certificate's files; it is not current until {@link #makeCurrent}. */
	public CertificateFiles stage(CheckedCertificate certificate) {
		CertificateFiles files = files(certificate.host(), certificate.version());
		createPrivateDirectory(root);
		createPrivateDirectory(files.chain().getParent());
		writePrivately(files.chain(), certificate.chainPem());
		writePrivately(files.key(), certificate.keyPem());
		return files;
	}

	/** Makes a staged version the host's current one and deletes every other version of it. */
	public void makeCurrent(CertificateFiles files) {
		writePrivately(hostDir(files.host()).resolve("current"), files.version() + "\n");
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(hostDir(files.host()), "*.{crt,key}")) {
			for (Path file : stream) {
				if (!file.getFileName().toString().startsWith(files.version() + ".")) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			log.warn("cannot remove the old certificates of {}: {}", files.host(), ex.getMessage());
		}
	}

	/** Deletes a staged version that Nginx refused, unless it is the current one (the same certificate again). */
	public void discard(CertificateFiles files) {
		if (currentVersion(files.host()).filter(files.version()::equals).isEmpty()) {
			delete(files.chain());
			delete(files.key());
		}
	}

	/** Deletes all of a host's certificates; true when it had any. */
	public boolean remove(String host) {
		Path dir = hostDir(host);
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
			for (Path file : stream) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove the certificates of " + host, ex);
		}
		return true;
	}

	/** The host's current certificate when it may be served now: its files exist and it has not expired. */
	public Optional<CertificateFiles> served(String host) {
		return currentVersion(host).map(version -> files(host, version))
			.filter(files -> Files.isRegularFile(files.key()))
			.filter(files -> leaf(files).filter(this::validNow).isPresent());
	}

	/** Every host's current certificate, expired or not, by host name. */
	public List<InstalledCertificate> installed() {
		List<InstalledCertificate> installed = new ArrayList<>();
		if (!Files.isDirectory(root)) {
			return installed;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
			for (Path dir : stream) {
				String host = dir.getFileName().toString();
				if (!HostNames.isValid(host)) {
					continue;
				}
				currentVersion(host).ifPresent(version -> leaf(files(host, version)).ifPresent(
						leaf -> installed.add(new InstalledCertificate(host, leaf.getNotAfter().toInstant(), version))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + root, ex);
		}
		installed.sort((a, b) -> a.host().compareTo(b.host()));
		return installed;
	}

	/** The version named by the host's {@code current} file, if it names one. */
	public Optional<String> currentVersion(String host) {
		Path current = hostDir(host).resolve("current");
		try {
			if (!Files.isRegularFile(current)) {
				return Optional.empty();
			}
			String version = Files.readString(current, StandardCharsets.US_ASCII).strip();
			return VERSION.matcher(version).matches() ? Optional.of(version) : Optional.empty();
		}
		catch (IOException ex) {
			log.warn("cannot read {}: {}", current, ex.getMessage());
			return Optional.empty();
		}
	}

	private boolean validNow(X509Certificate leaf) {
		Instant now = clock.instant();
		return !now.isBefore(leaf.getNotBefore().toInstant()) && !now.isAfter(leaf.getNotAfter().toInstant());
	}

	private static Optional<X509Certificate> leaf(CertificateFiles files) {
		if (!Files.isRegularFile(files.chain())) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(files.chain())) {
			return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		catch (IOException | CertificateException | ClassCastException ex) {
			log.warn("cannot read the certificate {}: {}", files.chain(), ex.getMessage());
			return Optional.empty();
		}
	}

	private CertificateFiles files(String host, String version) {
		if (!VERSION.matcher(version).matches()) {
			throw new IllegalArgumentException("not a certificate version: " + version);
		}
		Path dir = hostDir(host);
		return new CertificateFiles(host, version, dir.resolve(version + ".crt"), dir.resolve(version + ".key"));
	}

	private Path hostDir(String host) {
		if (!HostNames.isValid(host)) {
			throw new IllegalArgumentException("not a valid host name: " + host);
		}
		return root.resolve(host);
	}

	private static void createPrivateDirectory(Path dir) {
		try {
			Files.createDirectories(dir);
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dir, ex);
		}
	}

	/** Writes a file readable by its owner alone, created so from the start, and moved into place at once. */
	private static void writePrivately(Path file, String content) {
		try {
			Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			try {
				Files.writeString(temp, content, StandardCharsets.US_ASCII);
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file.getFileName() + " of " + file.getParent(), ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("cannot remove {}: {}", file, ex.getMessage());
		}
	}

}
