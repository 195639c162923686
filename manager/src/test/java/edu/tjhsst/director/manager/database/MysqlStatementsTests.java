package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting a MySQL text into statements for the SQL console. */
class MysqlStatementsTests {

	@Test
	void semicolonsSplitStatementsAndBlankOnesAreDropped() {
		assertThat(MysqlStatements.split("select 1; select 2;;\n")).containsExactly("select 1", "select 2");
	}

	@Test
	void semicolonsInQuotesBackticksAndCommentsDoNotSplit() {
		assertThat(MysqlStatements.split("select 'a;b', \"c;d\", `e;f`, 'it\\'s;', 'x'';y' -- g;h\n; select 2"))
			.containsExactly("select 'a;b', \"c;d\", `e;f`, 'it\\'s;', 'x'';y' -- g;h", "select 2");
		assertThat(MysqlStatements.split("select 1 /* a; b */ + 1 # c; d\n")).containsExactly("select 1 /* a; b */ + 1 # c; d");
	}

	@Test
	void aCommentAloneIsNoStatement() {
		assertThat(MysqlStatements.split("select 1; -- the end")).containsExactly("select 1");
	}

	@Test
	void aStoredProgramIsLeftWholeForTheServer() {
		String sql = "create procedure p() begin select 1; select 2; end";

		assertThat(MysqlStatements.split(sql)).containsExactly(sql);
	}

}
