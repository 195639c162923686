package edu.tjhsst.director.manager.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers a call no other API controller takes (a mistyped path, a method a path does not have) with a problem detail
 * rather than the portal's error page: any more specific mapping wins over this one.
 */
@ApiController
@Hidden
class ApiFallback {

	@RequestMapping("/api/v1/**")
	void none(HttpServletRequest request) {
		throw new ApiRequestException(HttpStatus.NOT_FOUND, "No API call answers " + request.getMethod() + " "
				+ request.getRequestURI() + ".");
	}

}
