package edu.tjhsst.director.orchestrator.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/**
 * Containers: those of Swarm services' tasks, and containers of Director's own, made from a definition, signalled
 * and removed.
 */
@Component
public class DockerContainers {

	/** The label Swarm gives each task's container, naming its service. */
	private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

	private static final long MIB = 1024L * 1024;

	private static final int MAX_ERRORS = 64 * 1024;

	private final DockerClient docker;

	private final DockerAudit audit;

	DockerContainers(DockerClients clients, DockerAudit audit) {
		this.docker = clients.shared();
		this.audit = audit;
	}

	/** The running containers of a service's tasks. */
	public List<ContainerInfo> runningOf(String service) {
		return docker.listContainersCmd()
			.withLabelFilter(Map.of(SERVICE_LABEL, service))
			.withStatusFilter(List.of("running"))
			.exec().stream().map(ContainerInfo::from).toList();
	}

	/** Whether any container of a service's tasks is left, running or not. */
	public boolean anyOf(String service) {
		return !docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SERVICE_LABEL, service)).exec()
			.isEmpty();
	}

	/** The containers, running or not, that carry all these labels. */
	public List<ContainerInfo> labelled(Map<String, String> labels) {
		return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
			.map(ContainerInfo::from).toList();
	}

	/** The names of every container on the engine, running or not, from one listing. */
	public Set<String> names() {
		return docker.listContainersCmd().withShowAll(true).exec().stream()
			.flatMap(container -> container.getNames() == null ? Stream.of() : Arrays.stream(container.getNames()))
			.map(name -> name.startsWith("/") ? name.substring(1) : name)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** The container of that name or id, if there is one. */
	public Optional<ContainerInfo> inspect(String nameOrId) {
		try {
			return Optional.of(ContainerInfo.from(docker.inspectContainerCmd(nameOrId).exec()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Makes a container and starts it, and returns its id. Beyond its definition it never gains privileges
	 * ({@code no-new-privileges}, not privileged), may not swap, and is on the one network named.
	 */
	public String createAndStart(String name, String hostName, ContainerDefinition definition, String network) {
		String id = create(name, hostName, definition, network);
		audit.run(Change.START, "container", name, null, () -> docker.startContainerCmd(id).exec());
		return id;
	}

	/**
	 * Makes a container as {@link #createAndStart} does, runs it to its end with its standard output written to
	 * {@code stdout}, and removes it, whatever happened.
	 * @return its exit code and the first 64 KiB of what it wrote to its standard error
	 * @throws TimeoutException when it ran longer than the timeout (it is removed, ending it)
	 * @throws IOException when {@code stdout} refused what it wrote
	 */
	public Ended runToEnd(String name, ContainerDefinition definition, String network, OutputStream stdout,
			Duration timeout) throws InterruptedException, TimeoutException, IOException {
		String id = create(name, name, definition, network);
		try {
			ByteArrayOutputStream errors = new ByteArrayOutputStream();
			IOException[] refused = new IOException[1];
			// Attached before it starts, as docker run does, so that nothing it writes first is missed.
			ResultCallback.Adapter<Frame> callback = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true)
				.withFollowStream(true).exec(new ResultCallback.Adapter<>() {
					@Override
					public void onNext(Frame frame) {
						if (frame.getStreamType() == StreamType.STDERR) {
							if (errors.size() < MAX_ERRORS) {
								errors.writeBytes(frame.getPayload());
							}
						}
						else if (refused[0] == null) {
							try {
								stdout.write(frame.getPayload());
							}
							catch (IOException ex) {
								// Nothing more is read; the container is removed below, which ends it.
								refused[0] = ex;
								closeQuietly(this);
							}
						}
					}
				});
			try (callback) {
				callback.awaitStarted();
				audit.run(Change.START, "container", name, null, () -> docker.startContainerCmd(id).exec());
				if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new TimeoutException(name + " ran longer than " + timeout.toSeconds() + " s");
				}
			}
			if (refused[0] != null) {
				throw refused[0];
			}
			Integer exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
			return new Ended(exitCode == null ? -1 : exitCode, errors.toString(StandardCharsets.UTF_8));
		}
		finally {
			// Whatever happened (a timeout, a refused write, a start that failed): it ends now, and its environment,
			// which may hold a password, with it.
			remove(id);
		}
	}

	private static void closeQuietly(ResultCallback.Adapter<Frame> callback) {
		try {
			callback.close();
		}
		catch (IOException ex) {
			// Closed as far as it goes.
		}
	}

	/**
	 * How a container run by {@link #runToEnd} ended.
	 * @param exitCode its program's exit code
	 * @param errors the start of what it wrote to its standard error
	 */
	public record Ended(int exitCode, String errors) {
	}

	private String create(String name, String hostName, ContainerDefinition definition, String network) {
		HostConfig host = HostConfig.newHostConfig()
			.withInit(definition.init())
			.withBinds(binds(definition))
			.withTmpFs(tmpfs(definition))
			.withReadonlyRootfs(definition.readOnlyRoot())
			.withSecurityOpts(List.of("no-new-privileges"))
			.withPrivileged(false)
			.withNetworkMode(network);
		if (definition.dropAllCapabilities()) {
			host.withCapDrop(Capability.ALL);
		}
		SiteLimits limits = definition.limits();
		if (limits != null) {
			host.withPidsLimit(limits.pids())
				.withMemory(limits.memoryMiB() * MIB)
				.withMemorySwap(limits.memoryMiB() * MIB)
				.withNanoCPUs(limits.cpuMillis() * 1_000_000L);
		}
		if (definition.logOptions() != null) {
			host.withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, definition.logOptions()));
		}
		String id = audit.call(Change.CREATE, "container", name, definition.image(),
				() -> docker.createContainerCmd(definition.image())
					.withName(name)
					.withHostName(hostName)
					.withLabels(definition.labels())
					.withCmd(definition.command())
					.withUser(definition.user())
					.withWorkingDir(definition.dir())
					.withEnv(definition.env())
					.withHostConfig(host)
					.exec()
					.getId());
		return id;
	}

	/** Removes the container, stopping it first if it runs; nothing to do if there is none. */
	public void remove(String nameOrId) {
		try {
			audit.run(Change.REMOVE, "container", nameOrId, null,
					() -> docker.removeContainerCmd(nameOrId).withForce(true).exec());
		}
		catch (DockerNotFoundException ex) {
			// Already gone.
		}
	}

	private static List<Bind> binds(ContainerDefinition definition) {
		List<Bind> binds = new ArrayList<>();
		for (ContainerMount mount : definition.mounts()) {
			if (mount.type() == ContainerMount.Type.BIND) {
				binds.add(new Bind(mount.source(), new Volume(mount.target()),
						mount.readOnly() ? AccessMode.ro : AccessMode.rw));
			}
		}
		return binds;
	}

	private static Map<String, String> tmpfs(ContainerDefinition definition) {
		Map<String, String> tmpfs = new LinkedHashMap<>();
		for (ContainerMount mount : definition.mounts()) {
			if (mount.type() == ContainerMount.Type.TMPFS) {
				tmpfs.put(mount.target(), "rw,nosuid,nodev,size=" + mount.sizeMiB() + "m,mode=1777");
			}
		}
		return tmpfs;
	}

}
