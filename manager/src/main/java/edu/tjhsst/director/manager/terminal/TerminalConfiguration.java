package edu.tjhsst.director.manager.terminal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import edu.tjhsst.director.manager.site.SiteHandshakeCheck;

/**
 * Registers the web terminal's channel, {@code /live/terminal?site=<id>}: same-origin pages only (Spring's
 * default), signed-in users only, only for a site they may see, and not for a disabled site unless an administrator.
 */
@Configuration(proxyBeanMethods = false)
class TerminalConfiguration implements WebSocketConfigurer {

	private final TerminalSocket socket;

	private final SiteHandshakeCheck siteCheck;

	private final TerminalHandshakeCheck terminalCheck;

	TerminalConfiguration(TerminalSocket socket, SiteHandshakeCheck siteCheck, TerminalHandshakeCheck terminalCheck) {
		this.socket = socket;
		this.siteCheck = siteCheck;
		this.terminalCheck = terminalCheck;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/live/terminal").addInterceptors(siteCheck, terminalCheck);
	}

}
