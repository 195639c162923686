package edu.tjhsst.director.manager.api;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The API's OpenAPI 3 description, served at {@code /api/openapi.json} and browsable at {@code /api/docs}: springdoc
 * reads the controllers; this adds what it cannot see, the token every call takes and the problem details every call
 * may answer with.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	private static final String TOKEN = "token";

	private static final String PROBLEM = "Problem";

	@Bean
	OpenAPI openApi() {
		return new OpenAPI()
			.info(new Info().title("Director API").version("v1").description("The portal's API for scripts. "
					+ "Make a personal token on the portal's \"API tokens\" page and send it as "
					+ "`Authorization: Bearer <token>`. Long work answers with an operation, which "
					+ "`GET /api/v1/operations/{id}?wait=60` follows."))
			.components(new Components()
				.addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.description("A personal token from the \"API tokens\" page; its scopes are sites:read, "
							+ "sites:write (which includes reading), and for administrators admin and metrics:read.")))
			.addSecurityItem(new SecurityRequirement().addList(TOKEN));
	}

	/**
	 * Every call may be refused: without a token that works, by its scopes, or as asked. The schema is added here,
	 * not with the description: springdoc sets the schemas it finds in the controllers over any given before.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return description -> {
			description.getComponents().addSchemas(PROBLEM, new Schema<>().type("object")
				.description("RFC 9457 problem details")
				.addProperty("type", new Schema<>().type("string"))
				.addProperty("title", new Schema<>().type("string"))
				.addProperty("status", new Schema<>().type("integer"))
				.addProperty("detail", new Schema<>().type("string"))
				.addProperty("errors", new Schema<>().type("object")
					.description("each field at fault, with what to do (422)")));
			addProblems(description);
		};
	}

	private static void addProblems(OpenAPI description) {
		description.getPaths().values().forEach(path -> path.readOperations()
			.forEach(operation -> {
				for (String status : List.of("400", "401", "403", "404")) {
					operation.getResponses().putIfAbsent(status, new ApiResponse().description(reason(status))
						.content(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
				}
			}));
	}

	private static String reason(String status) {
		return switch (status) {
			case "400" -> "The call is not one the API takes as sent";
			case "401" -> "No token, or one that does not work (unknown, expired, revoked), and why";
			case "403" -> "The token's scopes do not allow the call";
			default -> "Nothing there, or nothing the token's owner may see";
		};
	}

}
