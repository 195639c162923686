package edu.tjhsst.director.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's WordPress 6.1 and its default theme as one tarball, {@code wordpress/...}, the way a student brings
 * WordPress to a site. Debian's package links a few files to other packages (underscore.js, the cropper, getID3): those
 * are unpacked beside it and the links resolved, so the tarball holds plain files, as WordPress's own does; its
 * {@code wp-config.php}, which reads Debian's {@code /etc/wordpress}, is the student's to remove.
 */
final class WordPressFiles {

	private static final List<String> PACKAGES = List.of("wordpress", "wordpress-theme-twentytwentythree",
			"libjs-underscore", "libjs-cropper", "php-getid3");

	private WordPressFiles() {
	}

	/** The tarball, made once under the given folder with {@code apt-get download}; later runs reuse it. */
	static Path tarball(Path work) throws IOException, InterruptedException {
		Path tarball = work.resolve("wordpress.tar.gz");
		if (Files.exists(tarball)) {
			return tarball;
		}
		Path debs = Files.createDirectories(work.resolve("debs"));
		Path root = work.resolve("root");
		Host.output("sh", "-c", "cd '" + debs + "' && apt-get download -q " + String.join(" ", PACKAGES));
		try (Stream<Path> files = Files.list(debs)) {
			for (Path deb : files.filter(file -> file.toString().endsWith(".deb")).toList()) {
				Host.output("dpkg-deb", "-x", deb.toString(), root.toString());
			}
		}
		Path wordpress = root.resolve("usr/share/wordpress");
		// The links to other packages point within root once those are unpacked; one to /etc/ssl stays a link to the
		// machine's CA bundle, which tar copies too. Anything else left dangling is dropped.
		try (Stream<Path> all = Files.walk(wordpress)) {
			for (Path link : all.filter(Files::isSymbolicLink).toList()) {
				if (!Files.exists(link)) {
					Files.delete(link);
				}
			}
		}
		Path partial = work.resolve("wordpress.tar.gz.part");
		Host.output("tar", "-czhf", partial.toString(), "-C", root.resolve("usr/share").toString(), "wordpress");
		Files.move(partial, tarball);
		return tarball;
	}

}
