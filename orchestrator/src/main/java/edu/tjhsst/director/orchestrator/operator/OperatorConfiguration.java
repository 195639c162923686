package edu.tjhsst.director.orchestrator.operator;

import java.time.Clock;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator API's door (before the signature check, which it lets its own callers past), its boundary at the
 * controllers, and its OpenAPI description ({@code /operator/v1/openapi.json}), which lists the operator paths alone.
 */
@Configuration(proxyBeanMethods = false)
class OperatorConfiguration implements WebMvcConfigurer {

	@Bean
	FilterRegistrationBean<OperatorFilter> operatorFilter(OperatorTokens tokens, OperatorAudit audit) {
		FilterRegistrationBean<OperatorFilter> registration = new FilterRegistrationBean<>(
				new OperatorFilter(tokens, audit, Clock.systemUTC()));
		registration.addUrlPatterns("/*");
		// Before the signed-request filter (HIGHEST_PRECEDENCE + 10), which lets through what this one named.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new OperatorBoundary());
	}

	@Bean
	OpenAPI operatorApiDescription() {
		return new OpenAPI()
			.info(new Info().title("Director orchestrator: operator API").version("v1").description("""
					What operators do by hand on an app server, for their scripts: sites' services and web server \
					files, converging sites to their last applied specs, the app servers' Nginx, images, and the \
					Swarm's nodes. Every call needs an operator's token (`./director operator add NAME`) and is \
					recorded with who made it (`GET /operator/v1/audit`). Errors are `{"error": "..."}`."""))
			.components(new Components().addSecuritySchemes("operatorToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("dop_...")))
			.addSecurityItem(new SecurityRequirement().addList("operatorToken"));
	}

}
