package edu.tjhsst.director.orchestrator.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.CallerNames;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Lets through only requests the manager signed (any path) or the shell server signed (only the terminal
 * WebSocket's handshake), except the health check.
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

	/** What a request may carry beyond the largest file upload. */
	static final int UPLOAD_MARGIN_BYTES = 64 * 1024;

	@Bean
	FilterRegistrationBean<SignedRequestFilter> signedRequestFilter(OrchestratorProperties properties,
			MeterRegistry registry) {
		SignatureVerifier verifier = new SignatureVerifier(callers(properties));
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(verifier, Set.of(HealthController.PATH), maxBodyBytes(properties), registry));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * The manager always; the shell server only when its key is given or its file exists, and only on the terminal
	 * path.
	 */
	static Map<String, Caller> callers(OrchestratorProperties properties) {
		Map<String, Caller> callers = new HashMap<>();
		callers.put(CallerNames.MANAGER,
				Caller.anyPath(SigningKey.load(properties.key(), properties.keyFile(), "orchestrator key")));
		boolean fileExists = !blank(properties.shellKeyFile()) && Files.exists(Path.of(properties.shellKeyFile()));
		if (!blank(properties.shellKey()) || fileExists) {
			SigningKey shellKey = SigningKey.load(properties.shellKey(), properties.shellKeyFile(), "shell key");
			// The shell server may only open terminals, with tokens the manager minted.
			callers.put(CallerNames.SHELL, new Caller(shellKey, List.of(TerminalFrames.PATH)));
		}
		else {
			log.info("no shell key (nor {}): the shell server is not accepted", properties.shellKeyFile());
		}
		return callers;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** The configured body limit, raised if needed so that the largest allowed upload fits. */
	static int maxBodyBytes(OrchestratorProperties properties) {
		long configured = properties.maxRequestBody().toBytes();
		long upload = properties.files().maxUpload().toBytes() + UPLOAD_MARGIN_BYTES;
		return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(configured, upload));
	}

}
