package edu.tjhsst.director.manager.database;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a MySQL/MariaDB text into its statements at the semicolons outside quotes, backticks and comments, so that
 * the SQL console can run them one by one and keep the results before an error. A text that makes a stored program
 * (whose body holds semicolons the server splits by its own grammar) is left whole for the server.
 */
final class MysqlStatements {

	/** CREATE [OR REPLACE] [DEFINER ...] PROCEDURE/FUNCTION/TRIGGER/EVENT, or an anonymous BEGIN NOT ATOMIC block. */
	private static final Pattern STORED_PROGRAM = Pattern.compile(
			"(?is)\\bcreate\\b[^;]*?\\b(procedure|function|trigger|event)\\b|\\bbegin\\s+not\\s+atomic\\b");

	private MysqlStatements() {
	}

	static List<String> split(String sql) {
		if (STORED_PROGRAM.matcher(sql).find()) {
			return List.of(sql);
		}
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"' || c == '`') {
				int end = quoted(sql, i, c);
				current.append(sql, i, end);
				i = end;
			}
			else if (c == '#' || (c == '-' && sql.startsWith("--", i)
					&& (i + 2 == length || Character.isWhitespace(sql.charAt(i + 2))))) {
				int end = sql.indexOf('\n', i);
				end = end < 0 ? length : end;
				current.append(sql, i, end);
				i = end;
			}
			else if (c == '/' && sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				end = end < 0 ? length : end + 2;
				current.append(sql, i, end);
				i = end;
			}
			else if (c == ';') {
				add(statements, current);
				current.setLength(0);
				i++;
			}
			else {
				current.append(c);
				i++;
			}
		}
		add(statements, current);
		return statements.isEmpty() ? List.of(sql) : statements;
	}

	/** The index after the quoted text starting at {@code start}: a doubled quote or (not in backticks) a backslash escapes. */
	private static int quoted(String sql, int start, char quote) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\\' && quote != '`') {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	private static void add(List<String> statements, StringBuilder statement) {
		if (!statement.toString().isBlank() && !onlyComments(statement.toString())) {
			statements.add(statement.toString().strip());
		}
	}

	/** Whether the text is nothing but comments and spaces (the server answers those with an error). */
	private static boolean onlyComments(String text) {
		String stripped = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(#|-- ).*$", " ");
		return stripped.isBlank() && !text.contains("/*!");
	}

}
