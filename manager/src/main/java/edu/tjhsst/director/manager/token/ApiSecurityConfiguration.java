package edu.tjhsst.director.manager.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import edu.tjhsst.director.manager.api.ApiBodyLimit;
import edu.tjhsst.director.manager.api.ApiProblems;
import edu.tjhsst.director.manager.user.Role;

/**
 * The API's own chain, before the portal's: only a token signs a call in (never the portal's session cookie, which
 * is also why it needs no CSRF token: a browser does not add the Authorization header by itself). Reading takes
 * {@code sites:read} (or {@code sites:write}); every other method takes {@code sites:write}; the administrators'
 * calls ({@code /api/v1/admin/}) take an administrator's token with {@code admin} besides; the metrics take an
 * administrator's token with {@code metrics:read}. Bodies are limited first
 * ({@link ApiBodyLimit}).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	/**
	 * The platform's metrics, for Prometheus: read with an administrator's token that has {@code metrics:read}, which
	 * grants nothing else (so the credential Prometheus keeps is not an administrator's).
	 */
	static final String METRICS = "/actuator/prometheus";

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
		String read = Scope.SITES_READ.authority();
		String write = Scope.SITES_WRITE.authority();
		AuthorityAuthorizationManager<RequestAuthorizationContext> admin =
				AuthorityAuthorizationManager.hasAuthority(Role.ADMIN.authority());
		http.securityMatcher("/api/**", METRICS)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			// After the rules: a body is read only for a call they let through, never for a stranger's slow one.
			.addFilterAfter(new ApiBodyLimit(), AuthorizationFilter.class)
			.headers(headers -> headers
				.httpStrictTransportSecurity(hsts -> hsts.disable())
				// JSON needs no policy of its own but the strictest; Swagger UI's page, its own scripts and styles.
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						PathPatternRequestMatcher.withDefaults().matcher("/api/swagger-ui/**"),
						new StaticHeadersWriter("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
								+ "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; "
								+ "base-uri 'self'; form-action 'none'")))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/swagger-ui/**")),
						new StaticHeadersWriter("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))))
			.authorizeHttpRequests(requests -> requests
				// The description, and Swagger UI to browse it, for anyone: it says what calls there are, not whose.
				.requestMatchers(HttpMethod.GET, "/api/openapi.json", "/api/openapi.json/**", "/api/docs",
						"/api/swagger-ui/**")
				.permitAll()
				// Every method, so that no HEAD reaches a relay (Spring answers HEAD with the GET handler) by the
				// reading rule below.
				.requestMatchers(METRICS, "/api/v1/metrics/**").hasAuthority(Scope.METRICS_READ.authority())
				// The administrators' calls: only the admin scope of an administrator's token makes the call one's, and
				// it reads or changes as the token's other scopes allow.
				.requestMatchers(HttpMethod.GET, "/api/v1/admin/**").access(AuthorizationManagers.allOf(admin,
						AuthorityAuthorizationManager.hasAnyAuthority(read, write)))
				.requestMatchers("/api/v1/admin/**").access(AuthorizationManagers.allOf(admin,
						AuthorityAuthorizationManager.hasAuthority(write)))
				.requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyAuthority(read, write)
				.requestMatchers(HttpMethod.HEAD, "/api/v1/**").hasAnyAuthority(read, write)
				.requestMatchers("/api/v1/**").hasAuthority(write)
				.anyRequest().denyAll())
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint((request, response, ex) -> BearerTokenFilter.refuse(response, null,
						"Sign the call in with a personal token: Authorization: Bearer <token> (make one on the "
								+ "API tokens page)."))
				.accessDeniedHandler((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
							"Bearer realm=\"director\", error=\"insufficient_scope\"");
					ApiProblems.write(response, ApiProblems.problem(HttpStatus.FORBIDDEN,
							"This token's scopes do not allow this call."));
				}));
		return http.build();
	}

}
