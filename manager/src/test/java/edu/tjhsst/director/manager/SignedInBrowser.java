package edu.tjhsst.director.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP client signed in to a running portal through its sign-in form, keeping the session's cookie as a
 * browser does: for the tests of what MockMvc cannot do, such as a WebSocket. The password is the test accounts'
 * {@code password-<name>}.
 */
final class SignedInBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private SignedInBrowser() {
	}

	/** Signs the user in on the portal at the port; the test fails unless the form sends them on to their sites. */
	static HttpClient signIn(int port, String username) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		String portal = "http://localhost:" + port;
		String form = http.send(HttpRequest.newBuilder(URI.create(portal + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = CSRF.matcher(form);
		assertThat(token.find()).as("the sign-in form's CSRF token").isTrue();
		HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(portal + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"username=" + username + "&password=password-" + username + "&_csrf=" + token.group(1)))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(login.headers().firstValue("Location")).as("where signing in as " + username + " went")
			.hasValueSatisfying(location -> assertThat(location).endsWith("/sites"));
		return http;
	}

}
