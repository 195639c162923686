package edu.tjhsst.director.manager.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * Runs a site owner's SQL as the site's own database user, never as the admin, with a statement timeout and a row
 * cap. The timeout is set on the server (so that a statement stops there) and on the client (so that the page
 * answers even when the server does not); what the user may do is what their role may do.
 */
@Component
public class SqlConsole {

	/** How much later than the server's timeout the driver's own cancels a statement. */
	private static final int DRIVER_GRACE_SECONDS = 2;

	/** The longest text a run takes. */
	static final int MAX_SQL_LENGTH = 100_000;

	/** The most characters a cell shows. */
	static final int MAX_CELL_LENGTH = 1000;

	/** Binary values up to this many bytes are shown in hex, longer ones by their size. */
	static final int MAX_HEX_BYTES = 256;

	private final int timeoutSeconds;

	private final int rowCap;

	@Autowired
	SqlConsole(DirectorProperties properties) {
		this(properties.siteDatabases().consoleTimeoutSeconds(), properties.siteDatabases().consoleRowCap());
	}

	SqlConsole(int timeoutSeconds, int rowCap) {
		if (timeoutSeconds < 1 || rowCap < 1) {
			throw new IllegalArgumentException("the SQL console's timeout and row cap must be at least 1");
		}
		this.timeoutSeconds = timeoutSeconds;
		this.rowCap = rowCap;
	}

	/**
	 * Runs the text (one statement or several) in the site's database and returns every result it gave.
	 * A server error is returned as {@link ConsoleResult#error()}, not thrown; the statements before it took effect
	 * (each is committed on its own) and their results are kept. The timeout bounds the whole run.
	 * @throws DatabaseException only when the text is too long to run
	 */
	public ConsoleResult run(DatabaseHost host, SiteDatabase database, String sql) {
		if (sql != null && sql.length() > MAX_SQL_LENGTH) {
			throw new DatabaseException("The SQL is longer than 100,000 characters.");
		}
		long start = System.nanoTime();
		List<Block> blocks = new ArrayList<>();
		String error = null;
		if (sql != null && !sql.isBlank()) {
			try (Connection connection = connect(host, database); Statement statement = connection.createStatement()) {
				limitTime(host.engine(), statement);
				statement.setMaxRows(rowCap + 1);
				for (String one : statements(host.engine(), sql)) {
					long left = timeoutSeconds * 1_000_000_000L - (System.nanoTime() - start);
					if (left <= 0) {
						error = "The run took longer than " + timeoutSeconds + " seconds; the remaining statements were"
								+ " not run.";
						break;
					}
					// The server's own timeout (limitTime) says so in its message; the driver's, a backstop a little
					// later, would cancel at the same moment and say only "canceling statement due to user request".
					statement.setQueryTimeout((int) Math.max(1, (left + 999_999_999L) / 1_000_000_000L)
							+ DRIVER_GRACE_SECONDS);
					collect(statement, statement.execute(one), blocks);
				}
			}
			catch (SQLException ex) {
				error = Jdbc.message(ex);
			}
			catch (DatabaseException ex) {
				// A stored name or host Director would not make; said like the server's errors.
				error = ex.getMessage();
			}
		}
		return new ConsoleResult(List.copyOf(blocks), error, (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * The statements of the text, each run alone (autocommitted, as psql and mysql do). PostgreSQL's are split by
	 * the driver's own parser, which knows quotes, comments and dollar quoting; MySQL's by {@link MysqlStatements}.
	 */
	private static List<String> statements(DatabaseEngine engine, String sql) throws SQLException {
		if (engine == DatabaseEngine.MYSQL) {
			return MysqlStatements.split(sql);
		}
		List<String> statements = new ArrayList<>();
		for (NativeQuery query : Parser.parseJdbcSql(sql, true, false, true, false, false)) {
			if (!query.nativeSql.isBlank()) {
				statements.add(query.nativeSql);
			}
		}
		return statements.isEmpty() ? List.of(sql) : statements;
	}

	/** Every result of the statement just executed, in order; a failing one throws, the blocks before kept. */
	private void collect(Statement statement, boolean rows, List<Block> blocks) throws SQLException {
		while (true) {
			if (rows) {
				try (ResultSet rs = statement.getResultSet()) {
					blocks.add(table(rs));
				}
			}
			else {
				long count = statement.getLargeUpdateCount();
				if (count == -1) {
					return;
				}
				blocks.add(new Block(List.of(), List.of(), false, count));
			}
			rows = statement.getMoreResults();
		}
	}

	/** The site's own credentials at the address the manager reaches the host by; the site's database only. */
	private Connection connect(DatabaseHost host, SiteDatabase database) throws SQLException {
		Jdbc.identifier(database.name());
		Jdbc.identifier(database.username());
		// The socket waits a little longer than the statements may run, so that the timeouts below answer first.
		int socketTimeout = timeoutSeconds + 15;
		return switch (host.engine()) {
			case POSTGRESQL -> Jdbc.postgres(host.adminHost(), host.adminPort(), database.name(), database.username(),
					database.password(), socketTimeout);
			case MYSQL -> Jdbc.mysql(host.adminHost(), host.adminPort(), database.name(), database.username(),
					database.password(), socketTimeout, true);
		};
	}

	/** Sets the session's statement timeout on the server: MariaDB's, or else MySQL's (which bounds SELECTs only). */
	private void limitTime(DatabaseEngine engine, Statement statement) throws SQLException {
		switch (engine) {
			case POSTGRESQL -> statement.execute("set statement_timeout = " + timeoutSeconds * 1000);
			case MYSQL -> {
				try {
					statement.execute("set session max_statement_time = " + timeoutSeconds);
				}
				catch (SQLException notMariaDb) {
					statement.execute("set session max_execution_time = " + timeoutSeconds * 1000);
				}
			}
		}
	}

	private Block table(ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		int count = meta.getColumnCount();
		List<String> columns = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			columns.add(meta.getColumnLabel(i));
		}
		List<List<String>> rows = new ArrayList<>();
		boolean truncated = false;
		while (rs.next()) {
			if (rows.size() == rowCap) {
				truncated = true;
				break;
			}
			List<String> row = new ArrayList<>(count);
			for (int i = 1; i <= count; i++) {
				row.add(cell(rs, i, meta.getColumnType(i)));
			}
			rows.add(Collections.unmodifiableList(row));
		}
		return new Block(List.copyOf(columns), List.copyOf(rows), truncated, -1);
	}

	/** A value as text, null for NULL; binary as hex (or its size when long); cut at 1000 characters. */
	static String cell(ResultSet rs, int column, int type) throws SQLException {
		if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
			byte[] bytes = rs.getBytes(column);
			if (bytes == null) {
				return null;
			}
			return bytes.length <= MAX_HEX_BYTES ? "0x" + HexFormat.of().formatHex(bytes) : "(" + bytes.length + " bytes)";
		}
		String text = rs.getString(column);
		return text == null ? null : shorten(text);
	}

	/** At most 1000 characters, the last an ellipsis when the text was longer. */
	static String shorten(String text) {
		return text.length() <= MAX_CELL_LENGTH ? text : text.substring(0, MAX_CELL_LENGTH - 1) + "…";
	}

	/**
	 * What a run gave.
	 * @param blocks each result in order: a table of rows, or a count of changed rows
	 * @param error the server's message when a statement failed (the blocks before it are kept), or null
	 * @param millis how long it took
	 */
	public record ConsoleResult(List<Block> blocks, String error, long millis) {
	}

	/**
	 * One result.
	 * @param columns the column labels, empty for a statement without rows
	 * @param rows the rows as text, at most the row cap ("NULL" shown as null in the list)
	 * @param truncated whether there were more rows than the cap
	 * @param updateCount the changed rows for a statement without rows, or -1
	 */
	public record Block(List<String> columns, List<List<String>> rows, boolean truncated, long updateCount) {
	}

}
