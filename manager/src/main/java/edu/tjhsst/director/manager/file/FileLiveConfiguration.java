package edu.tjhsst.director.manager.file;

import java.security.Principal;
import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;

/**
 * Registers the live channel of the file editor, {@code /live/files?site=<id>}: same-origin pages only
 * (Spring's default), signed-in users only, and only for a site they may see.
 */
@Configuration(proxyBeanMethods = false)
class FileLiveConfiguration implements WebSocketConfigurer {

	private final FileLiveSocket socket;

	private final SiteAccess access;

	private final CurrentUser currentUser;

	FileLiveConfiguration(FileLiveSocket socket, SiteAccess access, CurrentUser currentUser) {
		this.socket = socket;
		this.access = access;
		this.currentUser = currentUser;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/live/files").addInterceptors(new SiteAccessCheck());
	}

	/** Refuses the handshake unless the signed-in user may see the requested site. */
	private final class SiteAccessCheck implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler handler, Map<String, Object> attributes) {
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
			attributes.put(FileLiveSocket.SITE_ID, siteId);
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

	}

}
