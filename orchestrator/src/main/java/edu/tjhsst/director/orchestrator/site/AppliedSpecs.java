package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * The spec each site was last asked to converge to here (kept before converging), one file per site in
 * {@code applied-specs/} (root's alone: a spec's environment may hold a site's secrets, as its service does). It lets
 * an operator converge a site again, or all of them, while the manager is away (a service removed by hand, an app
 * server made afresh). What the manager wants stays the manager's: its reconciler sends the specs again, and they
 * replace these.
 */
@Component
class AppliedSpecs {

	private static final Logger log = LoggerFactory.getLogger(AppliedSpecs.class);

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private final Path dir;

	private final ObjectMapper json;

	/** Each site's spec as this process last wrote (or found) it in its file. */
	private final Map<Long, byte[]> written = new ConcurrentHashMap<>();

	@Autowired
	AppliedSpecs(OrchestratorProperties properties, ObjectMapper json) {
		this(properties.data().resolve("applied-specs"), json);
	}

	AppliedSpecs(Path dir, ObjectMapper json) {
		this.dir = dir;
		this.json = json;
	}

	/**
	 * Keeps the spec as the site's last applied one; the same spec again writes nothing. Losing one to a power cut
	 * costs only a converge until the manager's next reconciliation, so the file is not synced, but it is never seen
	 * half written.
	 */
	void save(SiteSpec spec) {
		try {
			byte[] bytes = json.writeValueAsBytes(spec);
			Path file = file(spec.id());
			// What was written is remembered, so the reconciler's passes read no file for the sites that did not
			// change; after a restart the file is read once.
			if (Arrays.equals(written.get(spec.id()), bytes)) {
				return;
			}
			if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
				written.put(spec.id(), bytes);
				return;
			}
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			Path temporary = dir.resolve("." + spec.id() + ".json.new");
			// Made root's alone from the start: it may hold the site's secrets.
			Files.deleteIfExists(temporary);
			try (SeekableByteChannel out = Files.newByteChannel(temporary, Set.of(StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE), OWNER_ONLY)) {
				out.write(ByteBuffer.wrap(bytes));
			}
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			written.put(spec.id(), bytes);
		}
		catch (IOException ex) {
			// The site is converged all the same. The older spec goes, so that an operator's converge finds nothing
			// to apply rather than rolling the site back to it (a site disabled since, say).
			log.warn("cannot keep the applied spec of site {}: {}", spec.id(), ex.getMessage());
			written.remove(spec.id());
			try {
				Files.deleteIfExists(file(spec.id()));
			}
			catch (IOException gone) {
				log.error("cannot remove the older applied spec of site {} either: {}", spec.id(), gone.getMessage());
			}
		}
	}

	/** Forgets the site's spec, as its deletion or retirement does; nothing to do if there is none. */
	void remove(long id) {
		written.remove(id);
		try {
			Files.deleteIfExists(file(id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot forget the applied spec of site " + id, ex);
		}
	}

	/** The site's last applied spec, if it has one here and it can be read. */
	Optional<SiteSpec> find(long id) {
		try {
			return Optional.of(json.readValue(Files.readAllBytes(file(id)), SiteSpec.class));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			log.warn("cannot read the applied spec of site {}: {}", id, ex.getMessage());
			return Optional.empty();
		}
	}

	/** Every site's last applied spec, by id; one that cannot be read is left out and logged. */
	List<SiteSpec> all() {
		return ids().stream().map(this::find).flatMap(Optional::stream).toList();
	}

	/** The ids of the sites with an applied spec, in order. */
	List<Long> ids() {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir)) {
			files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[1-9][0-9]{0,17}\\.json"))
				.map(name -> Long.parseLong(name.substring(0, name.length() - ".json".length()))).forEach(ids::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the applied specs", ex);
		}
		ids.sort(null);
		return ids;
	}

	private Path file(long id) {
		if (id <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return dir.resolve(id + ".json");
	}

}
