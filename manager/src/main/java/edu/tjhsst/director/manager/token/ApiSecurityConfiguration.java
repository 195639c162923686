package edu.tjhsst.director.manager.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import edu.tjhsst.director.manager.api.ApiBodyLimit;
import edu.tjhsst.director.manager.api.ApiProblems;

/**
 * The API's own chain, before the portal's: only a token signs a call in (never the portal's session cookie, which
 * is also why it needs no CSRF token: a browser does not add the Authorization header by itself). Reading takes
 * {@code sites:read} (or {@code sites:write}); every other method takes {@code sites:write}. Bodies are limited first
 * ({@link ApiBodyLimit}).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
		String read = Scope.SITES_READ.authority();
		String write = Scope.SITES_WRITE.authority();
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new ApiBodyLimit(), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new BearerTokenFilter(tokens), ApiBodyLimit.class)
			.authorizeHttpRequests(requests -> requests
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
