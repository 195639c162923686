package edu.tjhsst.director.shell.api;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.CallerNames;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.shell.ShellProperties;

/**
 * Lets only the manager read the metrics: every call but {@code GET /health} must carry its signature, made with
 * the key the shell server and the manager share (the one this server signs its own calls to them with).
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	/** A metrics call has no body. */
	private static final int MAX_BODY_BYTES = 1024;

	@Bean
	FilterRegistrationBean<SignedRequestFilter> signedMetrics(ShellProperties properties, MeterRegistry registry) {
		SigningKey key = SigningKey.load(properties.key(), properties.keyFile(), "shell key");
		SignatureVerifier verifier = new SignatureVerifier(Map.of(CallerNames.MANAGER, Caller.anyPath(key)));
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(verifier, Set.of("/health"), MAX_BODY_BYTES, registry));
		// Every path but the health check, as the router does: no spelling of a path reaches a controller unsigned.
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
