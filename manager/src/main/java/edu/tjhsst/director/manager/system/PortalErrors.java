package edu.tjhsst.director.manager.system;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.site.SiteDisabledException;

/**
 * The portal's answer to a busy site, a disabled site and something not found, with one wording each. The editor's,
 * the database page's and the other scripts' JSON endpoints get {@code {"error": "..."}} with 409, 403 or 404. A page
 * gets what the portal's pages always showed: a refused change goes back where the person was, with the wording as
 * the layout's flash error (so no controller catches these); not found is the 404 page.
 */
@ControllerAdvice
public class PortalErrors {

	public static final String LOCKED =
			"This site is busy with another operation, or one has failed and needs a retry first. Nothing was changed.";

	public static final String DISABLED = "This site was disabled by an administrator, so it cannot be changed.";

	/** The same for what does not exist and what is not the person's, so that nobody can probe for others' sites. */
	public static final String NOT_FOUND = "There is nothing here, or it is not yours to see.";

	private static final String VIEW_NOT_FOUND = "error/404";

	@ExceptionHandler
	Object locked(SiteLockedException ex, HandlerMethod handler, HttpServletRequest request) {
		return refused(HttpStatus.CONFLICT, LOCKED, handler, request);
	}

	@ExceptionHandler
	Object disabled(SiteDisabledException ex, HandlerMethod handler, HttpServletRequest request) {
		return refused(HttpStatus.FORBIDDEN, DISABLED, handler, request);
	}

	@ExceptionHandler
	Object notFound(NotFoundException ex, HandlerMethod handler) {
		if (answersWithJson(handler)) {
			return json(HttpStatus.NOT_FOUND, NOT_FOUND);
		}
		ModelAndView page = new ModelAndView(VIEW_NOT_FOUND, HttpStatus.NOT_FOUND);
		page.addObject("problem", NOT_FOUND);
		return page;
	}

	private static Object refused(HttpStatus status, String message, HandlerMethod handler,
			HttpServletRequest request) {
		if (answersWithJson(handler)) {
			return json(status, message);
		}
		RequestContextUtils.getOutputFlashMap(request).put("error", message);
		RedirectView back = new RedirectView(back(request), false);
		back.setExposeModelAttributes(false);
		return new ModelAndView(back);
	}

	/** Whether the handler's answer is a body for a script rather than a page. */
	static boolean answersWithJson(HandlerMethod handler) {
		return handler.hasMethodAnnotation(ResponseBody.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
				|| HttpEntity.class.isAssignableFrom(handler.getMethod().getReturnType());
	}

	/**
	 * Where a refused page request goes: back to the portal page the person came from (the form's own page), else
	 * to the site's page, which shows the operation holding the lock or that the site is disabled. Only the path of
	 * the Referer is kept, so the redirect never leaves the portal, and a refused GET never goes to itself.
	 */
	static String back(HttpServletRequest request) {
		String referer = refererPath(request);
		// A form usually posts to its own page's address; a page refused on GET must not be sent to itself.
		String here = request.getRequestURI();
		boolean itself = referer != null && (referer.equals(here) || referer.startsWith(here + "?"));
		if (referer != null && !(itself && "GET".equals(request.getMethod()))) {
			return referer;
		}
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		Object siteId = variables instanceof Map<?, ?> map ? map.get("siteId") : null;
		return request.getContextPath() + (siteId == null ? "/sites" : "/sites/" + siteId);
	}

	private static String refererPath(HttpServletRequest request) {
		String referer = request.getHeader(HttpHeaders.REFERER);
		if (referer == null) {
			return null;
		}
		try {
			URI uri = URI.create(referer);
			boolean here = uri.getHost() == null || uri.getHost().equalsIgnoreCase(request.getServerName());
			String path = uri.getRawPath();
			if (!here || path == null || !path.startsWith("/") || path.startsWith("//")) {
				return null;
			}
			return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static ResponseEntity<Map<String, String>> json(HttpStatus status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
