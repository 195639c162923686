package edu.tjhsst.director.orchestrator.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The record of operator calls: one JSON object per line in a file only root reads, and a line in the log
 * {@code director.operator.audit}. An operator's change is synced as it ends, so that it is on record even after a
 * power cut. At its largest size the file becomes {@code <file>.1}.
 */
@Component
class OperatorAudit {

	private static final Logger log = LoggerFactory.getLogger("director.operator.audit");

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	/** The most calls without an operator recorded one by one in a minute. */
	static final int REFUSED_PER_MINUTE = 60;

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	/** The longest path and query recorded; the rest is cut. */
	static final int MAX_PATH = 512;

	private final Path file;

	private long refusedMinute;

	private int refusedRecorded;

	private int refusedUnrecorded;

	private final long maxBytes;

	private final ObjectMapper json;

	OperatorAudit(OperatorProperties properties, ObjectMapper json) {
		this.file = properties.auditFile();
		this.maxBytes = properties.auditMaxSize().toBytes();
		this.json = json;
	}

	/**
	 * Puts the call on record. Calls without an operator (refused with 401) are recorded up to
	 * {@link #REFUSED_PER_MINUTE} a minute, and the rest counted in one line: anyone who reaches the port can make
	 * them, and must not push the operators' own calls out of the record. Their lines are not synced.
	 */
	synchronized void record(OperatorCall call) {
		if (call.operator() == null) {
			long minute = call.at().getEpochSecond() / 60;
			if (minute != refusedMinute) {
				if (refusedUnrecorded > 0) {
					write(new OperatorCall(Instant.ofEpochSecond(refusedMinute * 60), null, "-", "-", "("
							+ refusedUnrecorded + " more calls without an operator's token in this minute, not"
							+ " recorded one by one)", 401, 0), false);
				}
				refusedMinute = minute;
				refusedRecorded = 0;
				refusedUnrecorded = 0;
			}
			if (refusedRecorded >= REFUSED_PER_MINUTE) {
				refusedUnrecorded++;
				return;
			}
			refusedRecorded++;
		}
		String path = call.path().length() > MAX_PATH ? call.path().substring(0, MAX_PATH) + "..." : call.path();
		String method = METHODS.contains(call.method()) ? call.method() : "OTHER";
		// An operator's change is synced before its answer leaves; a read (a Prometheus scrape among them) is not.
		write(new OperatorCall(call.at(), call.operator(), call.from(), method, path, call.status(), call.millis()),
				call.operator() != null && !"GET".equals(method) && !"HEAD".equals(method));
	}

	private void write(OperatorCall call, boolean sync) {
		log.info("{} {} {} from {}: {} ({} ms)", call.operator() == null ? "(no operator)" : call.operator(),
				call.method(), call.path(), call.from(), call.status(), call.millis());
		try {
			byte[] line = (json.writeValueAsString(call) + "\n").getBytes(StandardCharsets.UTF_8);
			if (!Files.isDirectory(file.getParent())) {
				Files.createDirectories(file.getParent(),
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
				Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
			}
			try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.WRITE), OWNER_ONLY)) {
				channel.write(ByteBuffer.wrap(line));
				if (sync) {
					channel.force(false);
				}
			}
		}
		catch (IOException ex) {
			// The log line above stays the record of it.
			log.error("cannot write the operator call to {}: {}", file, ex.getMessage());
		}
	}

	/** The last calls on record, oldest first: at most {@code limit}, from this file and the one before it. */
	synchronized List<OperatorCall> recent(int limit) {
		List<String> lines = new ArrayList<>(read(file.resolveSibling(file.getFileName() + ".1")));
		lines.addAll(read(file));
		List<String> last = lines.subList(Math.max(0, lines.size() - limit), lines.size());
		List<OperatorCall> calls = new ArrayList<>();
		for (String line : last) {
			try {
				calls.add(json.readValue(line, OperatorCall.class));
			}
			catch (JsonProcessingException ex) {
				// A line cut short by a crash before its sync; the rest stand.
			}
		}
		return calls;
	}

	private static List<String> read(Path path) {
		try {
			return Files.readAllLines(path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the operator calls' record", ex);
		}
	}

}
