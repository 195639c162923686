package edu.tjhsst.director.common.text;

/**
 * A value someone typed, as a message may show it back: in double quotes, at most 40 characters, with anything that
 * would not show as itself escaped. Refused input is shown back so that people see what was wrong with it; escaping
 * keeps a line break from splitting the message and an invisible or direction-changing character from hiding in it
 * or rearranging the words around it.
 */
public final class Quoting {

	private static final int MAX_SHOWN = 40;

	private Quoting() {
	}

	/** The value quoted and escaped, with … when it was cut short; {@code null} for null. */
	public static String quote(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder text = new StringBuilder("\"");
		value.codePoints().limit(MAX_SHOWN).forEach(c -> {
			if (c == '\n') {
				text.append("\\n");
			}
			else if (c == '"' || c == '\\') {
				text.append('\\').appendCodePoint(c);
			}
			else if (c != ' ' && invisible(c)) {
				text.append(c > 0xffff ? String.format("\\u{%x}", c) : String.format("\\u%04x", c));
			}
			else {
				text.appendCodePoint(c);
			}
		});
		return text.append(value.codePointCount(0, value.length()) > MAX_SHOWN ? "…\"" : "\"").toString();
	}

	/** Control, format (zero-width, direction), separator, unassigned and surrogate code points. */
	private static boolean invisible(int c) {
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
					Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.SURROGATE,
					Character.PRIVATE_USE -> true;
			default -> false;
		};
	}

}
