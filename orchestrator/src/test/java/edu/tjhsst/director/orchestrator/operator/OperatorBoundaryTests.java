package edu.tjhsst.director.orchestrator.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import edu.tjhsst.director.common.signing.SignedRequestFilter;

/**
 * The boundary at the controllers holds by itself: were a manager's path ever reachable with an operator's token, or
 * the operator API with the manager's signature, the controller would still not be called.
 */
class OperatorBoundaryTests {

	private final OperatorBoundary boundary = new OperatorBoundary();

	@Test
	void anOperatorReachesOperatorControllersOnly() throws Exception {
		assertThat(allowed("operator:alice", operatorHandler())).isTrue();
		assertThat(allowed("operator:alice", managerHandler())).isFalse();
		assertThat(allowed("operator:alice", new ResourceHttpRequestHandler())).isFalse();
	}

	@Test
	void theManagerAndAnUnsignedCallNeverReachAnOperatorController() throws Exception {
		assertThat(allowed("manager", managerHandler())).isTrue();
		assertThat(allowed("manager", operatorHandler())).isFalse();
		assertThat(allowed(null, operatorHandler())).isFalse();
		assertThat(allowed("shell", operatorHandler())).isFalse();
	}

	private boolean allowed(String caller, Object handler) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (caller != null) {
			request.setAttribute(SignedRequestFilter.CALLER_ATTRIBUTE, caller);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		boolean allowed = boundary.preHandle(request, response, handler);
		assertThat(response.getStatus()).isEqualTo(allowed ? 200 : handler instanceof HandlerMethod ? 403 : 404);
		return allowed;
	}

	private static HandlerMethod operatorHandler() throws NoSuchMethodException {
		return new HandlerMethod(new OperatorOnly(), OperatorOnly.class.getDeclaredMethod("call"));
	}

	private static HandlerMethod managerHandler() throws NoSuchMethodException {
		return new HandlerMethod(new ManagerOnly(), ManagerOnly.class.getDeclaredMethod("call"));
	}

	@OperatorApi
	static class OperatorOnly {

		void call() {
		}

	}

	static class ManagerOnly {

		void call() {
		}

	}

}
