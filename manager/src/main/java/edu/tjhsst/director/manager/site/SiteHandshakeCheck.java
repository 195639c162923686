package edu.tjhsst.director.manager.site;

import java.security.Principal;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * Lets a live channel's handshake through only for a signed-in user who may see the site named by its
 * {@code ?site=<id>} query; the site's id is then in the session's attributes under {@link #SITE_ID}.
 */
@Component
public class SiteHandshakeCheck implements HandshakeInterceptor {

	/** The session attribute that holds the checked site's id. */
	public static final String SITE_ID = "siteId";

	private final SiteAccess access;

	private final CurrentUser currentUser;

	SiteHandshakeCheck(SiteAccess access, CurrentUser currentUser) {
		this.access = access;
		this.currentUser = currentUser;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Principal principal = request.getPrincipal();
		String site = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("site");
		long siteId;
		try {
			siteId = Long.parseLong(site);
		}
		catch (NumberFormatException ex) {
			response.setStatusCode(HttpStatus.BAD_REQUEST);
			return false;
		}
		if (principal == null || !access.allows(siteId, currentUser.of(principal))) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		attributes.put(SITE_ID, siteId);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
