package edu.tjhsst.director.manager.file;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import edu.tjhsst.director.manager.site.SiteHandshakeCheck;

/**
 * Registers the live channel of the file editor, {@code /live/files?site=<id>}: same-origin pages only
 * (Spring's default), signed-in users only, and only for a site they may see.
 */
@Configuration(proxyBeanMethods = false)
class FileLiveConfiguration implements WebSocketConfigurer {

	private final FileLiveSocket socket;

	private final SiteHandshakeCheck siteCheck;

	FileLiveConfiguration(FileLiveSocket socket, SiteHandshakeCheck siteCheck) {
		this.socket = socket;
		this.siteCheck = siteCheck;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/live/files").addInterceptors(siteCheck);
	}

}
