package edu.tjhsst.director.orchestrator.terminal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/** The one checker of terminal tokens, under the key the manager signs with; one, so that a token is spent once. */
@Configuration(proxyBeanMethods = false)
class TerminalTokensConfiguration {

	@Bean
	TerminalTokens terminalTokens(OrchestratorProperties properties) {
		return new TerminalTokens(SigningKey.load(properties.key(), properties.keyFile(), "orchestrator key"));
	}

}
