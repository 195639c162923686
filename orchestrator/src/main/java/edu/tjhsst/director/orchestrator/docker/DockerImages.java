package edu.tjhsst.director.orchestrator.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/** Local images: reading them, building one from a context directory, and removing them. */
@Component
public class DockerImages {

	/** How much longer than a build may last its client waits for a quiet engine to say something. */
	private static final Duration BUILD_READ_MARGIN = Duration.ofMinutes(1);

	private final DockerClients clients;

	private final DockerClient docker;

	private final DockerAudit audit;

	DockerImages(DockerClients clients, DockerAudit audit) {
		this.clients = clients;
		this.docker = clients.shared();
		this.audit = audit;
	}

	/** What a build says as it goes; called from the engine's stream, one call at a time. */
	public interface BuildOutput {

		/** Output of the build's steps, in pieces that need not end at a line's end. */
		void text(String text);

		/** The engine's message that the build failed, such as a step's non-zero exit. */
		void error(String message);

		/** The stream of the build's output broke. */
		void broken(Throwable failure);

	}

	/** The image of that name or id, if it exists here. */
	public Optional<ImageInfo> inspect(String image) {
		try {
			return Optional.of(ImageInfo.from(docker.inspectImageCmd(image).exec()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The images that carry a label, whatever its value. */
	public List<ImageInfo> labelled(String label) {
		return docker.listImagesCmd().withLabelFilter(label).exec().stream().map(ImageInfo::from).toList();
	}

	/** The images with a tag in a repository, such as {@code director/site-42}. */
	public List<ImageInfo> ofRepository(String repository) {
		return docker.listImagesCmd().withImageNameFilter(repository).exec().stream().map(ImageInfo::from).toList();
	}

	/**
	 * Builds the context directory's Dockerfile as {@code tag}, without pulling its base, removing its intermediate
	 * containers even when it fails; its output goes to {@code output} as it comes. A build that fails ends normally,
	 * having said so to {@code output}.
	 * @return false when it did not finish within the timeout (it is then left to end on its own)
	 */
	public boolean build(Path context, String tag, Duration timeout, BuildOutput output) throws InterruptedException {
		return audit.call(Change.BUILD, "image", tag, null, () -> {
			// A client of its own, whose reads outlast the quiet spells of a long build.
			try (DockerClient client = clients.open(timeout.plus(BUILD_READ_MARGIN))) {
				ResultCallback.Adapter<BuildResponseItem> callback = client.buildImageCmd(context.toFile())
					.withTags(Set.of(tag))
					.withPull(false)
					.withRemove(true)
					.withForcerm(true)
					.exec(new Relay(output));
				if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					callback.close();
					return false;
				}
				return true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** Removes a tag, and the image when it was its last; never one a container uses. */
	public void remove(String tag) {
		audit.run(Change.REMOVE, "image", tag, null, () -> docker.removeImageCmd(tag).withForce(false).exec());
	}

	/** Passes a build's stream on in Director's terms. */
	private static final class Relay extends ResultCallback.Adapter<BuildResponseItem> {

		private final BuildOutput output;

		Relay(BuildOutput output) {
			this.output = output;
		}

		@Override
		public void onNext(BuildResponseItem item) {
			if (item.getStream() != null) {
				output.text(item.getStream());
			}
			if (item.getErrorDetail() != null || item.getError() != null) {
				output.error(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
						? item.getErrorDetail().getMessage() : item.getError());
			}
		}

		@Override
		public void onError(Throwable throwable) {
			output.broken(throwable);
			super.onError(throwable);
		}

	}

}
