package edu.tjhsst.director.router.api;

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
import edu.tjhsst.director.router.RouterProperties;

/** Lets only requests signed by the manager reach the API; {@code GET /health} alone is open. */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	/**
	 * A route is a few host names, at most 64 of 253 characters (16.5 KB as JSON); a batch of routes
	 * ({@code PUT /routes}) holds at most 100, 1.7 MB at the very most. A body is read up to this before its
	 * signature is checked, and the API listens on the loopback address only.
	 */
	static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

	@Bean
	FilterRegistrationBean<SignedRequestFilter> signedRequestFilter(RouterProperties properties,
			MeterRegistry registry) {
		SigningKey key = SigningKey.load(properties.key(), properties.keyFile(), "router key");
		SignatureVerifier verifier = new SignatureVerifier(Map.of(CallerNames.MANAGER, Caller.anyPath(key)));
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(verifier, Set.of("/health"), MAX_BODY_BYTES, registry));
		registration.addUrlPatterns("/*");
		// Before any filter that could read the body, which the signature covers.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
