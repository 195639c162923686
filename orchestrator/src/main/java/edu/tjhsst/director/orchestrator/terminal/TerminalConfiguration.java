package edu.tjhsst.director.orchestrator.terminal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.common.terminal.TerminalTokens;

/** Serves the terminal WebSocket at {@link TerminalFrames#PATH}, behind the token check. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TerminalConfiguration implements WebSocketConfigurer {

	/** Large enough for an SFTP write request (32 KiB of data plus its header) in one frame. */
	private static final int MAX_BINARY_MESSAGE = 256 * 1024;

	private static final int MAX_TEXT_MESSAGE = 8 * 1024;

	private final TerminalHandler handler;

	private final TerminalTokens tokens;

	TerminalConfiguration(TerminalHandler handler, TerminalTokens tokens) {
		this.handler = handler;
		this.tokens = tokens;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// No allowed origins are set: the callers are servers, which send no Origin; the signature is the check.
		registry.addHandler(handler, TerminalFrames.PATH).addInterceptors(new TokenHandshakeInterceptor(tokens));
	}

	@Bean
	static ServletServerContainerFactoryBean terminalWebSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxBinaryMessageBufferSize(MAX_BINARY_MESSAGE);
		container.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE);
		return container;
	}

}
