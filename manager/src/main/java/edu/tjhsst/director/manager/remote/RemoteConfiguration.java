package edu.tjhsst.director.manager.remote;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.signing.CallerNames;
import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.manager.system.DirectorProperties;

/** Builds the signed clients from the configured addresses and keys. */
@Configuration(proxyBeanMethods = false)
class RemoteConfiguration {

	/** How long the manager waits for an image build: longer than the orchestrator lets one run (10 min). */
	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

	/** How long a page waits for what it shows from the orchestrator (a process's state, a build log). */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	OrchestratorClient orchestratorClient(DirectorProperties properties, ObjectMapper json) {
		return new OrchestratorClient(orchestrator(properties, json, Duration.ofSeconds(60)),
				orchestrator(properties, json, BUILD_TIMEOUT), orchestrator(properties, json, READ_TIMEOUT), json);
	}

	@Bean
	SiteFilesClient siteFilesClient(DirectorProperties properties, ObjectMapper json) {
		return new SiteFilesClient(orchestrator(properties, json, Duration.ofSeconds(60)), json);
	}

	/** Terminal tokens are made with the orchestrator's key, under their own label, for it alone to accept. */
	@Bean
	TerminalTokens terminalTokens(DirectorProperties properties) {
		return new TerminalTokens(orchestratorKey(properties));
	}

	@Bean
	OrchestratorTerminal orchestratorTerminal(DirectorProperties properties) {
		return new OrchestratorTerminal(URI.create(properties.orchestrator().url()),
				new RequestSigner(CallerNames.MANAGER, orchestratorKey(properties)));
	}

	private static SigningKey orchestratorKey(DirectorProperties properties) {
		DirectorProperties.Component orchestrator = properties.orchestrator();
		return SigningKey.load(orchestrator.key(), orchestrator.keyFile(), "orchestrator key");
	}

	private static SignedClient orchestrator(DirectorProperties properties, ObjectMapper json, Duration timeout) {
		return new SignedClient(URI.create(properties.orchestrator().url()),
				new RequestSigner(CallerNames.MANAGER, orchestratorKey(properties)), json, timeout);
	}

	@Bean
	RouterClient routerClient(DirectorProperties properties, ObjectMapper json) {
		DirectorProperties.Router router = properties.router();
		SigningKey key = SigningKey.load(router.key(), router.keyFile(), "router key");
		RequestSigner signer = new RequestSigner(CallerNames.MANAGER, key);
		return new RouterClient(new SignedClient(URI.create(router.url()), signer, json,
				Duration.ofSeconds(60)), URI.create(router.httpUrl()), json);
	}

}
