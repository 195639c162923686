package edu.tjhsst.director.manager.terminal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.site.SiteDisabledException;
import edu.tjhsst.director.manager.site.SiteHandshakeCheck;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.NotFoundException;

/**
 * After {@link SiteHandshakeCheck} let a terminal's handshake through, refuses it with 403 when the user may not
 * change the site ({@link SiteAccess#requireChangeable}: an administrator disabled it and the user is not one).
 */
@Component
class TerminalHandshakeCheck implements HandshakeInterceptor {

	private final SiteAccess access;

	private final CurrentUser currentUser;

	TerminalHandshakeCheck(SiteAccess access, CurrentUser currentUser) {
		this.access = access;
		this.currentUser = currentUser;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (!(attributes.get(SiteHandshakeCheck.SITE_ID) instanceof Long siteId)) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		try {
			access.requireChangeable(siteId, currentUser.of(request.getPrincipal()));
			return true;
		}
		catch (NotFoundException ex) {
			// Deleted since the site check let the handshake through.
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		catch (SiteDisabledException ex) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
