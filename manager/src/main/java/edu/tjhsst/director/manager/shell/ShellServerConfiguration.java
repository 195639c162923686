package edu.tjhsst.director.manager.shell;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.CallerNames;
import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * Guards {@code /shell-server/**}: Spring Security lets it through without a session or CSRF token, and the
 * signature filter then lets through only requests the shell server signed; without its key, none.
 */
@Configuration(proxyBeanMethods = false)
class ShellServerConfiguration {

	static final String PREFIX = "/shell-server";

	/** A scrape waits no longer than Prometheus's own default timeout. */
	private static final Duration METRICS_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ShellServerConfiguration.class);

	/** The largest request body: the API's JSON is small (a command line is at most 16 KiB). */
	private static final int MAX_BODY_BYTES = 64 * 1024;

	@Bean
	@Order(1)
	SecurityFilterChain shellServerApi(HttpSecurity http) throws Exception {
		http.securityMatcher(PREFIX + "/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	FilterRegistrationBean<SignedRequestFilter> shellServerSignatures(DirectorProperties properties,
			MeterRegistry registry) {
		SigningKey key = key(properties.shell());
		Map<String, Caller> callers = key == null ? Map.of()
				: Map.of(CallerNames.SHELL, new Caller(key, java.util.List.of(PREFIX)));
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(new SignatureVerifier(callers), Set.of(), MAX_BODY_BYTES, registry));
		registration.addUrlPatterns(PREFIX + "/*");
		registration.setName("shellServerSignatures");
		return registration;
	}

	@Bean
	ShellServerMetrics shellServerMetrics(DirectorProperties properties, ObjectMapper json) {
		SigningKey key = key(properties.shell());
		return new ShellServerMetrics(key == null ? null : new SignedClient(URI.create(properties.shell().apiUrl()),
				new RequestSigner(CallerNames.MANAGER, key), json, METRICS_TIMEOUT));
	}

	/** The shell server's key, or null when none is configured (then every call is refused). */
	private static SigningKey key(DirectorProperties.Shell shell) {
		if (shell == null) {
			return null;
		}
		if (shell.key() != null && !shell.key().isBlank()) {
			return SigningKey.of(shell.key());
		}
		if (shell.keyFile() == null || shell.keyFile().isBlank() || !Files.exists(Path.of(shell.keyFile()))) {
			log.info("no shell server key configured: {}/** refuses every call", PREFIX);
			return null;
		}
		return SigningKey.load(null, shell.keyFile(), "shell server key");
	}

}
