package edu.tjhsst.director.shell;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.login.FailureLimiter;
import edu.tjhsst.director.common.signing.CallerNames;
import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.shell.manager.ManagerClient;
import edu.tjhsst.director.shell.ssh.ShellMetrics;
import edu.tjhsst.director.shell.ssh.ShellServer;
import edu.tjhsst.director.shell.terminal.TerminalConnector;

/** Wires the SSH server to the manager and the orchestrator, both called as {@code shell}. */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration {

	@Bean
	RequestSigner shellSigner(ShellProperties properties) {
		// Fails the start with a clear message when neither DIRECTOR_SHELL_KEY nor its file is there.
		try {
			SigningKey key = SigningKey.load(properties.key(), properties.keyFile(), "shell key");
			return new RequestSigner(CallerNames.SHELL, key);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage() + " (set DIRECTOR_SHELL_KEY or DIRECTOR_SHELL_KEY_FILE)", ex);
		}
	}

	@Bean
	ManagerClient managerClient(ShellProperties properties, RequestSigner shellSigner, ObjectMapper json) {
		return new ManagerClient(new SignedClient(properties.managerUrl(), shellSigner, json, Duration.ofSeconds(20)),
				json);
	}

	@Bean
	TerminalConnector terminalConnector(ShellProperties properties, RequestSigner shellSigner) {
		return new TerminalConnector(properties.orchestratorUrl(), shellSigner);
	}

	@Bean
	FailureLimiter loginLimiter(ShellProperties properties) {
		return new FailureLimiter(properties.failureLimits(), Clock.systemUTC());
	}

	@Bean
	ShellMetrics shellMetrics(MeterRegistry registry) {
		return new ShellMetrics(registry);
	}

	@Bean
	ShellServer shellServer(ShellProperties properties, ManagerClient managerClient,
			TerminalConnector terminalConnector, FailureLimiter loginLimiter, ShellMetrics shellMetrics) {
		return new ShellServer(properties, managerClient, terminalConnector, loginLimiter, shellMetrics);
	}

}
