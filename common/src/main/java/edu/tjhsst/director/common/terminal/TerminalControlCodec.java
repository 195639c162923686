package edu.tjhsst.director.common.terminal;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.tjhsst.director.common.terminal.TerminalControl.Eof;
import edu.tjhsst.director.common.terminal.TerminalControl.Exit;
import edu.tjhsst.director.common.terminal.TerminalControl.Failure;
import edu.tjhsst.director.common.terminal.TerminalControl.Input;
import edu.tjhsst.director.common.terminal.TerminalControl.Resize;

/**
 * Turns {@link TerminalControl} messages into the text of a WebSocket frame and back, the same for the manager, the
 * orchestrator and the shell server. A message is one JSON object, {@code type} first.
 */
public final class TerminalControlCodec {

	private static final ObjectMapper JSON = new ObjectMapper();

	private TerminalControlCodec() {
	}

	/** The frame's text for a message. */
	public static String encode(TerminalControl control) {
		ObjectNode node = JSON.createObjectNode();
		// Java 17 has no pattern switch; the interface is sealed, so these are all the cases.
		if (control instanceof Input input) {
			node.put("type", "input").put("data", input.data());
		}
		else if (control instanceof Resize resize) {
			node.put("type", "resize").put("cols", resize.cols()).put("rows", resize.rows());
		}
		else if (control instanceof Eof) {
			node.put("type", "eof");
		}
		else if (control instanceof Exit exit) {
			node.put("type", "exit").put("code", exit.code());
		}
		else if (control instanceof Failure failure) {
			node.put("type", "error").put("message", failure.message());
		}
		try {
			return JSON.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a terminal control message could not be written", ex);
		}
	}

	/**
	 * The message in a frame's text; empty when it is JSON but no message this protocol knows: an unknown type, an
	 * input without text, or a resize without whole sizes from 1 to {@link TerminalControl#MAX_SIZE}. An exit without
	 * a code is taken as code 1 and an error without a message as {@link TerminalControl#UNKNOWN_FAILURE}, so that
	 * the end of a session is never lost.
	 * @throws IllegalArgumentException when the text is not JSON
	 */
	public static Optional<TerminalControl> decode(String text) {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("not a terminal control message", ex);
		}
		return Optional.ofNullable(switch (node.path("type").asText("")) {
			case "input" -> node.path("data").isTextual() ? new Input(node.path("data").asText()) : null;
			case "resize" -> isSize(node.path("cols")) && isSize(node.path("rows"))
					? new Resize(node.path("cols").asInt(), node.path("rows").asInt()) : null;
			case "eof" -> new Eof();
			case "exit" -> new Exit(node.path("code").asLong(1));
			case "error" -> new Failure(node.path("message").asText(TerminalControl.UNKNOWN_FAILURE));
			default -> null;
		});
	}

	private static boolean isSize(JsonNode node) {
		return node.isInt() && node.asInt() >= 1 && node.asInt() <= TerminalControl.MAX_SIZE;
	}

}
