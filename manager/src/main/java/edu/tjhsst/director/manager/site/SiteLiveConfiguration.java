package edu.tjhsst.director.manager.site;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the live channels of site pages: operations, and a process's state and log. Only same-origin pages
 * may open them (Spring's default), only signed-in users (Spring Security), and only for a site they may see.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SiteLiveConfiguration implements WebSocketConfigurer {

	private final SiteLiveSocket socket;

	private final ProcessLogSocket processLog;

	private final SiteHandshakeCheck siteCheck;

	SiteLiveConfiguration(SiteLiveSocket socket, ProcessLogSocket processLog, SiteHandshakeCheck siteCheck) {
		this.socket = socket;
		this.processLog = processLog;
		this.siteCheck = siteCheck;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/live/site").addInterceptors(siteCheck);
		registry.addHandler(processLog, "/live/process").addInterceptors(siteCheck);
	}

}
