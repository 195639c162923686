package edu.tjhsst.director.manager.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.site.SiteDisabledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a busy site, a disabled site and what is not found reach a script and a page, each in its own words, and where
 * a refused form sends the person back to.
 */
class PortalErrorsTests {

	private final PortalErrors errors = new PortalErrors();

	@Test
	void aBusySiteIsAConflictForAScriptWithTheOneWording() throws Exception {
		Object answer = errors.locked(new SiteLockedException(), handler("script"), request("/sites/7/files/api/x"));
		assertThat(answer).isInstanceOfSatisfying(ResponseEntity.class, response -> {
			assertThat(response.getStatusCode().value()).isEqualTo(409);
			assertThat(response.getBody()).isEqualTo(Map.of("error", PortalErrors.LOCKED));
		});
	}

	@Test
	void aDisabledSiteIsForbiddenForAScriptWithItsOwnWording() throws Exception {
		Object answer = errors.disabled(new SiteDisabledException(), handler("entity"), request("/sites/7/files/api/x"));
		assertThat(answer).isInstanceOfSatisfying(ResponseEntity.class, response -> {
			assertThat(response.getStatusCode().value()).isEqualTo(403);
			assertThat(response.getBody()).isEqualTo(Map.of("error", PortalErrors.DISABLED));
		});
	}

	@Test
	void aBusySitesPageGoesBackWithTheWordingAsTheFlashError() throws Exception {
		MockHttpServletRequest request = pageRequest("/sites/7/env/delete");
		Object answer = errors.locked(new SiteLockedException(), handler("page"), request);
		assertRedirect(answer, "/sites/7");
		assertThat(flash(request)).containsEntry("error", PortalErrors.LOCKED);
	}

	@Test
	void aDisabledSitesPageGoesBackWithItsWordingAsTheFlashError() throws Exception {
		MockHttpServletRequest request = pageRequest("/sites/7/env/delete");
		request.addHeader(HttpHeaders.REFERER, "http://localhost/sites/7/env");
		Object answer = errors.disabled(new SiteDisabledException(), handler("page"), request);
		assertRedirect(answer, "/sites/7/env");
		assertThat(flash(request)).containsEntry("error", PortalErrors.DISABLED);
	}

	@Test
	void whatIsNotFoundIsA404ForAScriptAndThe404PageOtherwise() throws Exception {
		Object script = errors.notFound(new NotFoundException("no such site"), handler("script"));
		assertThat(script).isInstanceOfSatisfying(ResponseEntity.class, response -> {
			assertThat(response.getStatusCode().value()).isEqualTo(404);
			assertThat(response.getBody()).isEqualTo(Map.of("error", PortalErrors.NOT_FOUND));
		});
		Object page = errors.notFound(new NotFoundException("no such site"), handler("page"));
		assertThat(page).isInstanceOfSatisfying(ModelAndView.class, view -> {
			assertThat(view.getViewName()).isEqualTo("error/404");
			assertThat(view.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(view.getModel()).containsEntry("problem", PortalErrors.NOT_FOUND);
		});
	}

	@Test
	void aRefusedFormGoesBackToThePortalPageItCameFrom() {
		MockHttpServletRequest request = request("/sites/7/env/delete");
		request.addHeader(HttpHeaders.REFERER, "http://localhost/sites/7/env?edit=GREETING");
		assertThat(PortalErrors.back(request)).isEqualTo("/sites/7/env?edit=GREETING");
	}

	@Test
	void aRefusedRequestGoesToTheSitesPageWhenItsRefererIsElsewhereMissingOrItsOwnPage() {
		MockHttpServletRequest foreign = request("/sites/7/restart");
		foreign.addHeader(HttpHeaders.REFERER, "https://elsewhere.example/sites/7/env");
		assertThat(PortalErrors.back(foreign)).isEqualTo("/sites/7");
		assertThat(PortalErrors.back(request("/sites/7/restart"))).isEqualTo("/sites/7");
		MockHttpServletRequest itself = request("/sites/7/files");
		itself.setMethod("GET");
		itself.addHeader(HttpHeaders.REFERER, "http://localhost/sites/7/files");
		assertThat(PortalErrors.back(itself)).isEqualTo("/sites/7");
	}

	@Test
	void aFormThatPostsToItsOwnPageGoesBackToIt() {
		MockHttpServletRequest request = request("/sites/7/database");
		request.addHeader(HttpHeaders.REFERER, "http://localhost/sites/7/database");
		assertThat(PortalErrors.back(request)).isEqualTo("/sites/7/database");
	}

	@Test
	void onlyHandlersThatAnswerWithABodyGetJson() throws Exception {
		assertThat(PortalErrors.answersWithJson(handler("script"))).isTrue();
		assertThat(PortalErrors.answersWithJson(handler("entity"))).isTrue();
		assertThat(PortalErrors.answersWithJson(handler("page"))).isFalse();
	}

	/** A page's request as the dispatcher hands it on, with the flash map of the redirect that follows. */
	private static MockHttpServletRequest pageRequest(String path) {
		MockHttpServletRequest request = request(path);
		request.setAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE, new FlashMap());
		return request;
	}

	private static Map<String, Object> flash(MockHttpServletRequest request) {
		return (FlashMap) request.getAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE);
	}

	private static void assertRedirect(Object answer, String to) {
		assertThat(answer).isInstanceOfSatisfying(ModelAndView.class, view -> assertThat(view.getView())
			.isInstanceOfSatisfying(RedirectView.class, redirect -> assertThat(redirect.getUrl()).isEqualTo(to)));
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("siteId", "7"));
		return request;
	}

	private static HandlerMethod handler(String name) throws NoSuchMethodException {
		return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
	}

	/** One handler of each kind the portal has. */
	static class Handlers {

		@ResponseBody
		Map<String, String> script() {
			return Map.of();
		}

		ResponseEntity<Map<String, String>> entity() {
			return ResponseEntity.ok(Map.of());
		}

		String page() {
			return "sites/detail";
		}

	}

}
