package edu.tjhsst.director.manager.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/** Form login for the portal; admin pages for administrators only; CSRF on every form. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain portal(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
					"/actuator/health")
			.permitAll()
			.requestMatchers("/admin/**").hasRole("ADMIN")
			.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/sites", true).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers
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
