package edu.tjhsst.director.manager.terminal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteHandshakeCheck;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * After {@link SiteHandshakeCheck} let a terminal's handshake through, refuses it with 403 when an administrator
 * disabled the site and the user is not one.
 */
@Component
class TerminalHandshakeCheck implements HandshakeInterceptor {

	private final SiteRepository sites;

	private final CurrentUser currentUser;

	TerminalHandshakeCheck(SiteRepository sites, CurrentUser currentUser) {
		this.sites = sites;
		this.currentUser = currentUser;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Object siteId = attributes.get(SiteHandshakeCheck.SITE_ID);
		if (!(siteId instanceof Long id)) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		boolean disabled = sites.findById(id).map(Site::isDisabled).orElse(true);
		if (disabled && !currentUser.of(request.getPrincipal()).isAdmin()) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
