package edu.tjhsst.director.manager.system;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/** Sends a locked-out sign-in back to the form with the minutes left, and any other failure with the usual error. */
final class LoginFailureHandler extends SimpleUrlAuthenticationFailureHandler {

	LoginFailureHandler() {
		super("/login?error");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof TooManyFailuresException locked) {
			getRedirectStrategy().sendRedirect(request, response, "/login?locked=" + locked.minutes());
		}
		else {
			super.onAuthenticationFailure(request, response, exception);
		}
	}

}
