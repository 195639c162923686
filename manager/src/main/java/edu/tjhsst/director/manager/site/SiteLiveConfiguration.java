package edu.tjhsst.director.manager.site;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the live channel of site pages. Only same-origin pages may open it (Spring's default), only
 * signed-in users (Spring Security), and only for a site they may see.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SiteLiveConfiguration implements WebSocketConfigurer {

	private final SiteLiveSocket socket;

	private final SiteHandshakeCheck siteCheck;

	SiteLiveConfiguration(SiteLiveSocket socket, SiteHandshakeCheck siteCheck) {
		this.socket = socket;
		this.siteCheck = siteCheck;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/live/site").addInterceptors(siteCheck);
	}

}
