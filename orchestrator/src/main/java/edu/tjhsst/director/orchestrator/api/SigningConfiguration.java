package edu.tjhsst.director.orchestrator.api;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/** Lets through only requests the manager signed, except the health check. */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	/** The only component that calls the orchestrator's API. */
	static final String MANAGER = "manager";

	/** What a request may carry beyond the largest file upload. */
	static final int UPLOAD_MARGIN_BYTES = 64 * 1024;

	@Bean
	FilterRegistrationBean<SignedRequestFilter> signedRequestFilter(OrchestratorProperties properties) {
		SigningKey key = SigningKey.load(properties.key(), properties.keyFile(), "orchestrator key");
		SignatureVerifier verifier = new SignatureVerifier(Map.of(MANAGER, Caller.anyPath(key)));
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(verifier, Set.of(HealthController.PATH), maxBodyBytes(properties)));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** The configured body limit, raised if needed so that the largest allowed upload fits. */
	static int maxBodyBytes(OrchestratorProperties properties) {
		long configured = properties.maxRequestBody().toBytes();
		long upload = properties.files().maxUpload().toBytes() + UPLOAD_MARGIN_BYTES;
		return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(configured, upload));
	}

}
