package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.CachingPublicKeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import edu.tjhsst.director.common.login.FailureLimiter;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.shell.ShellProperties;
import edu.tjhsst.director.shell.manager.ManagerClient;
import edu.tjhsst.director.shell.terminal.TerminalConnector;

/** The SSH server, started and stopped with the application; a new MINA server on every start. */
public class ShellServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShellServer.class);

	private final ShellProperties properties;

	private final ManagerClient manager;

	private final TerminalConnector connector;

	private final FailureLimiter limiter;

	private final ShellMetrics metrics;

	private volatile SshServer server;

	public ShellServer(ShellProperties properties, ManagerClient manager, TerminalConnector connector,
			FailureLimiter limiter, ShellMetrics metrics) {
		this.properties = properties;
		this.manager = manager;
		this.connector = connector;
		this.limiter = limiter;
		this.metrics = metrics;
	}

	@Override
	public synchronized void start() {
		if (server != null) {
			return;
		}
		SshServer sshd = SshServer.setUpDefaultServer();
		sshd.setHost(properties.address());
		sshd.setPort(properties.port());
		sshd.setKeyPairProvider(hostKeys(properties.hostKey()));
		ManagerAuthenticator authenticator = new ManagerAuthenticator(manager, limiter, metrics);
		sshd.addSessionListener(metrics.connections());
		// Passwords and keys only: keyboard-interactive would be the password again by another route.
		sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
		sshd.setPasswordAuthenticator(authenticator);
		// The client asks whether a key would do before signing with it; the manager is asked once.
		sshd.setPublickeyAuthenticator(new CachingPublicKeyAuthenticator(authenticator));
		sshd.setKeyboardInteractiveAuthenticator(null);
		sshd.setGSSAuthenticator(null);
		sshd.setHostBasedAuthenticator(null);
		sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
		sshd.setShellFactory(channel -> session(TerminalMode.SHELL, null));
		sshd.setCommandFactory((channel, command) -> session(TerminalMode.EXEC, command));
		sshd.setSubsystemFactories(List.of(new SubsystemFactory() {

			@Override
			public String getName() {
				return "sftp";
			}

			@Override
			public Command createSubsystem(ChannelSession channel) {
				return session(TerminalMode.SFTP, null);
			}

		}));
		// A quiet shell is not a dead one; the orchestrator limits how long a session may last.
		CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ofHours(2));
		try {
			sshd.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen for SSH on " + properties.address() + ":"
					+ properties.port() + ": " + ex.getMessage(), ex);
		}
		server = sshd;
		log.info("SSH server listening on {}:{}", properties.address(), port());
	}

	private Command session(TerminalMode mode, String command) {
		metrics.sessionStarted(mode);
		return new SiteSession(mode, command, manager, connector);
	}

	/** The host key, generated on the first start and read on every later one. */
	static SimpleGeneratorHostKeyProvider hostKeys(Path file) {
		try {
			Path directory = file.getParent();
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
			provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
			provider.setKeySize(256);
			// Load (or generate) now, so a broken key file stops the start rather than the first login.
			if (provider.loadKeys(null).isEmpty()) {
				throw new IllegalStateException("no host key could be read from or written to " + file);
			}
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			return provider;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot keep the SSH host key in " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** The port the server listens on, which differs from the setting when that is 0. */
	public int port() {
		SshServer current = server;
		if (current == null) {
			return -1;
		}
		for (SocketAddress address : current.getBoundAddresses()) {
			if (address instanceof InetSocketAddress inet) {
				return inet.getPort();
			}
		}
		return current.getPort();
	}

	@Override
	public synchronized void stop() {
		SshServer current = server;
		server = null;
		if (current != null) {
			try {
				current.stop(true);
			}
			catch (IOException ex) {
				log.warn("the SSH server did not stop cleanly: {}", ex.getMessage());
			}
			log.info("SSH server stopped");
		}
	}

	@Override
	public boolean isRunning() {
		SshServer current = server;
		return current != null && current.isOpen();
	}

}
