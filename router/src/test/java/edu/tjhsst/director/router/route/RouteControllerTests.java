package edu.tjhsst.director.router.route;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.nginx.ConfigChange;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.acme.ChallengeFiles;
import edu.tjhsst.director.router.nginx.RouteConfigs;
import edu.tjhsst.director.router.tls.CertificateStore;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The routes API and its error bodies, with the signature filter and Nginx left out. */
@WebMvcTest(properties = "director.router.portal-host=portal.school.org")
class RouteControllerTests {

	private static final String ALICE = "{\"siteId\":42,\"hosts\":[\"alice.sites.localhost\"]}";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RouteConfigs routes;

	/** Wanted by the other controllers, which this test leaves alone. */
	@MockitoBean
	private ChallengeFiles challenges;

	@MockitoBean
	private CertificateStore certificates;

	@Test
	void aRouteOnThePortalsNameIsRefused() throws Exception {
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON)
			.content("{\"siteId\":42,\"hosts\":[\"alice.sites.localhost\",\"portal.school.org\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("portal.school.org is the portal's name; no site may be routed on it"));
		verify(routes, never()).apply(any());
	}

	@Test
	void aValidRouteIsAppliedAndTheCallReturnsOnceItIsLive() throws Exception {
		given(routes.apply(any())).willReturn(CompletableFuture.completedFuture(ConfigChange.NONE));
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"siteId\":42,\"status\":\"applied\",\"changes\":[]}", true));
		verify(routes).apply(new Route(42, List.of("alice.sites.localhost")));
	}

	@Test
	void aRouteWhoseFileWasMissingSaysItWasWrittenAgain() throws Exception {
		given(routes.apply(any())).willReturn(CompletableFuture.completedFuture(ConfigChange.MISSING));
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changes[0]").value("The site's route on the router was missing; it was written again."));
	}

	@Test
	void aPathAndBodyThatNameDifferentSitesAreRefused() throws Exception {
		mvc.perform(put("/routes/43").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("the site id in the path (43) and in the body (42) differ"));
		verify(routes, never()).apply(any());
	}

	@Test
	void aHostNameOutsideTheWhitelistIsRefusedBeforeRendering() throws Exception {
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON)
			.content("{\"siteId\":42,\"hosts\":[\"evil.com; }\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("not a valid host name: evil.com; }"));
		verify(routes, never()).apply(any());
	}

	@Test
	void aRouteWithoutHostsIsRefused() throws Exception {
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content("{\"siteId\":42}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("hosts must list 1 to 64 host names"));
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content("{\"siteId\":42,"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("the body is not a well-formed JSON route"));
	}

	@Test
	void aSiteIdThatIsNotANumberIsABadRequest() throws Exception {
		mvc.perform(delete("/routes/abc"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("not an acceptable value for siteId"));
	}

	@Test
	void aSiteIdBelowOneIsABadRequest() throws Exception {
		mvc.perform(delete("/routes/0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("siteId must be positive"));
	}

	@Test
	void aRouteNginxRefusesIsUnprocessableWithNginxsReason() throws Exception {
		given(routes.apply(any())).willThrow(new NginxRejectedException("unknown directive \"x\" in route-42.conf:3"));
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.error").value("nginx refused the route: unknown directive \"x\" in route-42.conf:3"));
	}

	@Test
	void aFailedReloadIsServiceUnavailable() throws Exception {
		given(routes.apply(any()))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("nginx is not running")));
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.error").value("nginx did not reload: nginx is not running"));
	}

	@Test
	void anUnexpectedFailureIsAGeneric500WithoutDetails() throws Exception {
		given(routes.apply(any())).willThrow(new IllegalStateException("secret internal detail"));
		mvc.perform(put("/routes/42").contentType(MediaType.APPLICATION_JSON).content(ALICE))
			.andExpect(status().isInternalServerError())
			.andExpect(content().json("{\"error\":\"internal error\"}", true));
	}

	@Test
	void deletingARouteSucceedsWhetherOrNotItExists() throws Exception {
		given(routes.remove(42)).willReturn(CompletableFuture.completedFuture(null));
		mvc.perform(delete("/routes/42"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"siteId\":42,\"status\":\"removed\",\"changes\":[]}", true));
	}

	@Test
	void unknownPathsAndMethodsGetTheSameErrorBody() throws Exception {
		mvc.perform(get("/nothing-here")).andExpect(status().isNotFound()).andExpect(jsonPath("$.error").exists());
		mvc.perform(post("/routes/42")).andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.error").exists());
		mvc.perform(put("/routes/42").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.error").exists());
	}

	@Test
	void healthSaysOnlyWhetherNginxServesAndSinceWhenTheRouterRuns() throws Exception {
		given(routes.serving()).willReturn(true);
		mvc.perform(get("/health")).andExpect(status().isOk()).andExpect(content().json("{\"status\":\"UP\"}", false))
			.andExpect(jsonPath("$.started").isString());
		given(routes.serving()).willReturn(false);
		mvc.perform(get("/health")).andExpect(status().isServiceUnavailable())
			.andExpect(content().json("{\"status\":\"DOWN\"}", false)).andExpect(jsonPath("$.started").isString());
	}

}
