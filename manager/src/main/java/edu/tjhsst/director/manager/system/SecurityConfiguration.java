package edu.tjhsst.director.manager.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login for the portal, within the limit on failed sign-ins ({@link LoginThrottle}); admin pages for
 * administrators only; CSRF on every form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain portal(HttpSecurity http, UserDetailsService accounts, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) throws Exception {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		passwords.setPasswordEncoder(passwordEncoder);
		// This chain's only manager, with no parent: nothing checks a form password around the throttle.
		http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle)))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
						"/actuator/health")
				.permitAll()
				// Health above is the portal's only actuator endpoint; the metrics are the API chain's, by token.
				.requestMatchers("/actuator/**").denyAll()
				.requestMatchers("/admin/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/sites", true)
				.failureHandler(new LoginFailureHandler())
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers
				// The router adds HSTS for the portal's name alone; Spring's would cover every subdomain, and so the
				// sites under the portal's name, whether they have certificates or not.
				.httpStrictTransportSecurity(hsts -> hsts.disable())
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; "
								+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// BCrypt by default, with the algorithm recorded in each hash so it can be upgraded later.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
