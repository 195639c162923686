package edu.tjhsst.director.manager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import edu.tjhsst.director.manager.api.ApiController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The API's OpenAPI description: served to anyone, read by an OpenAPI parser without a message, listing every call
 * the API's controllers answer (found in the portal's own request mappings, so a new call cannot go undescribed) with
 * the token they take and the problem details they may answer; Swagger UI browses it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiDescriptionIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ApiDescriptionIntegrationTests.class);

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@Test
	void theDescriptionParsesAsOpenApiAndListsEveryCallTheApiAnswers() throws Exception {
		MockHttpServletResponse served = mvc.perform(get("/api/openapi.json")).andReturn().getResponse();
		assertThat(served.getStatus()).isEqualTo(200);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.getContentAsString(StandardCharsets.UTF_8));
		assertThat(parsed.getMessages()).isEmpty();
		OpenAPI description = parsed.getOpenAPI();
		assertThat(description.getComponents().getSecuritySchemes().get("token").getScheme()).isEqualTo("bearer");

		List<String> answered = new ArrayList<>();
		mappings.getHandlerMethods().forEach((mapping, handler) -> {
			Class<?> type = handler.getBeanType();
			if (AnnotatedElementUtils.hasAnnotation(type, ApiController.class) && !type.isAnnotationPresent(Hidden.class)) {
				for (String pattern : mapping.getPatternValues()) {
					for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
						answered.add(method + " " + pattern);
					}
				}
			}
		});
		assertThat(answered).contains("GET /api/v1/sites", "POST /api/v1/sites", "GET /api/v1/sites/{siteId}",
				"DELETE /api/v1/sites/{siteId}", "POST /api/v1/sites/{siteId}/restart",
				"GET /api/v1/operations/{operationId}", "POST /api/v1/operations/{operationId}/retry");

		List<String> described = new ArrayList<>();
		description.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			described.add(method + " " + path);
			assertThat(operation.getResponses()).as(method + " " + path).containsKeys("401", "403", "404");
			assertThat(operation.getResponses().get("401").getContent()).containsKey("application/problem+json");
		}));
		assertThat(described).containsExactlyInAnyOrderElementsOf(answered);
		PathItem sites = description.getPaths().get("/api/v1/sites");
		assertThat(sites.getPost().getRequestBody().getContent()).containsKey("application/json");
		assertThat(sites.getGet().getParameters()).extracting(parameter -> parameter.getName().toLowerCase(Locale.ROOT))
			.contains("q", "page", "size");
	}

	@Test
	void swaggerUiBrowsesTheDescriptionWithoutSigningIn() throws Exception {
		MockHttpServletResponse docs = mvc.perform(get("/api/docs")).andReturn().getResponse();
		assertThat(docs.getStatus()).isEqualTo(302);
		MockHttpServletResponse ui = mvc.perform(get(docs.getRedirectedUrl())).andReturn().getResponse();
		assertThat(ui.getStatus()).isEqualTo(200);
		assertThat(ui.getContentAsString()).contains("swagger-ui");
		// Swagger UI runs on the portal's own address: a link cannot make it load someone else's description (the
		// way its cross-site scripting flaws were reached), and its page has a policy of its own.
		assertThat(ui.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
		MockHttpServletResponse config = mvc.perform(get("/api/openapi.json/swagger-config")
			.param("url", "https://evil.example/spec.json").param("configUrl", "https://evil.example/config"))
			.andReturn().getResponse();
		assertThat(config.getContentAsString()).contains("\"url\":\"/api/openapi.json\"").doesNotContain("evil")
			.doesNotContain("queryConfigEnabled\":true");
	}

}
