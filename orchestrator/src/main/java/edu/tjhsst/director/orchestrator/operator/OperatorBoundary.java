package edu.tjhsst.director.orchestrator.operator;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springdoc.api.AbstractOpenApiResource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.web.JsonError;

/**
 * Keeps the two kinds of caller apart at the controllers, whatever the paths: an operator reaches only the operator
 * API's controllers ({@link OperatorApi}) and its description, never the manager's (files, terminals, sites' specs);
 * the manager and the shell server never reach the operator API's. The filters already route them so; this holds
 * even if a path were ever mapped wrong.
 */
class OperatorBoundary implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// Spring's own error page for a call already let through, carrying its real status.
			return true;
		}
		Object caller = request.getAttribute(SignedRequestFilter.CALLER_ATTRIBUTE);
		boolean operator = caller instanceof String name && name.startsWith(OperatorFilter.CALLER_PREFIX);
		boolean operatorHandler = handler instanceof HandlerMethod method
				&& (AnnotatedElementUtils.hasAnnotation(method.getBeanType(), OperatorApi.class)
						|| AbstractOpenApiResource.class.isAssignableFrom(method.getBeanType()));
		if (operator == operatorHandler) {
			return true;
		}
		if (operator && !(handler instanceof HandlerMethod)) {
			// No controller has the path (what answers is the static resource handler, which has nothing here).
			return refuse(response, 404, "the operator API has no such path; see /operator/v1/openapi.json");
		}
		return refuse(response, 403, operator ? "operators may not call this" : "only operators may call this");
	}

	private static boolean refuse(HttpServletResponse response, int status, String reason) throws Exception {
		JsonError.write(response, status, reason);
		return false;
	}

}
