package edu.tjhsst.director.orchestrator.docker;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A service's log lines across its tasks' containers: the last ones, and following those written from now on. Its
 * callers give it only services they found to be Director's.
 */
@Component
public class DockerServiceLogs {

	private static final Logger log = LoggerFactory.getLogger(DockerServiceLogs.class);

	private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(10);

	private final DockerClient docker;

	DockerServiceLogs(DockerClients clients) {
		this.docker = clients.shared();
	}

	/** The service's last lines, oldest first, each ending in a newline. */
	public String last(ServiceInfo service, int tail) {
		StringBuilder text = new StringBuilder();
		lastLines(service, tail).forEach(line -> text.append(line.text()).append('\n'));
		return text.toString();
	}

	/** Gives the sink the service's last lines and then each new one, until the returned handle is closed. */
	public Closeable follow(ServiceInfo service, int tail, Consumer<String> sink) {
		// Following starts before the last lines are read, so nothing written in between is lost; what the
		// follower saw up to the last line read is dropped, so nothing is shown twice.
		LiveLines live = new LiveLines(sink);
		ResultCallback.Adapter<Frame> callback = docker.logServiceCmd(service.id())
			.withStdout(true)
			.withStderr(true)
			.withTimestamps(true)
			.withFollow(true)
			.withTail(0)
			.exec(new ResultCallback.Adapter<>() {
				@Override
				public void onNext(Frame frame) {
					lines(frame).forEach(live::offer);
				}
			});
		try {
			live.start(lastLines(service, tail));
		}
		catch (RuntimeException ex) {
			close(callback);
			throw ex;
		}
		return () -> close(callback);
	}

	/** The last lines of a service's containers, oldest first. */
	private List<Line> lastLines(ServiceInfo service, int tail) {
		List<Line> lines = new ArrayList<>();
		ResultCallback.Adapter<Frame> callback = docker.logServiceCmd(service.id())
			.withStdout(true)
			.withStderr(true)
			.withTimestamps(true)
			.withTail(tail)
			.exec(new ResultCallback.Adapter<>() {
				@Override
				public void onNext(Frame frame) {
					List<Line> parsed = lines(frame);
					synchronized (lines) {
						lines.addAll(parsed);
					}
				}
			});
		String name = service.name();
		try {
			if (!callback.awaitCompletion(LOGS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				callback.close();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the logs of " + name, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the logs of " + name, ex);
		}
		List<Line> sorted;
		synchronized (lines) {
			sorted = lines.stream().sorted(Comparator.comparing(Line::at)).toList();
		}
		return sorted.subList(Math.max(0, sorted.size() - tail), sorted.size());
	}

	private static List<Line> lines(Frame frame) {
		List<Line> lines = new ArrayList<>();
		for (String line : new String(frame.getPayload(), StandardCharsets.UTF_8).split("\n")) {
			if (!line.isEmpty()) {
				lines.add(Line.parse(line));
			}
		}
		return lines;
	}

	private static void close(Closeable callback) {
		try {
			callback.close();
		}
		catch (IOException ex) {
			log.debug("closing a log stream: {}", ex.getMessage());
		}
	}

	/** Holds followed lines back until the last lines are out, then passes on only those written after them. */
	private static final class LiveLines {

		private final Consumer<String> sink;

		private final List<Line> early = new ArrayList<>();

		private Instant after;

		LiveLines(Consumer<String> sink) {
			this.sink = sink;
		}

		synchronized void offer(Line line) {
			if (after == null) {
				early.add(line);
			}
			else if (line.at().isAfter(after) || line.at().equals(Instant.EPOCH)) {
				sink.accept(line.text());
			}
		}

		synchronized void start(List<Line> last) {
			last.forEach(line -> sink.accept(line.text()));
			after = last.isEmpty() ? Instant.EPOCH.plusNanos(1) : last.get(last.size() - 1).at();
			early.stream().filter(line -> line.at().isAfter(after)).forEach(line -> sink.accept(line.text()));
			early.clear();
		}

	}

	/** One log line with the time Docker recorded it. */
	private record Line(Instant at, String text) {

		static Line parse(String line) {
			int space = line.indexOf(' ');
			if (space > 0) {
				try {
					return new Line(Instant.parse(line.substring(0, space)), line.substring(space + 1));
				}
				catch (DateTimeParseException ex) {
					// not a timestamp: keep the whole line
				}
			}
			return new Line(Instant.EPOCH, line);
		}

	}

}
