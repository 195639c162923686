package edu.tjhsst.director.orchestrator.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;

/** The environment a terminal session starts with. */
class TerminalSessionEnvironmentTests {

	@Test
	void aSiteWithADatabaseGivesItsTerminalTheSameDatabaseVariablesAsItsProcess() {
		DatabaseAccess database = new DatabaseAccess(DatabaseEngine.MYSQL, "172.17.0.1", 3306, "site_7", "site_7",
				"Abcdefghij0123456789");
		TerminalGrant grant = new TerminalGrant(7, "blog", "alice", TerminalMode.SHELL, null, true,
				"director/runtime-plain:3", SiteLimits.DEFAULTS, Instant.now(), "nonce", database);

		assertThat(TerminalSession.environment(grant)).contains(
				"DATABASE_URL=mysql://site_7:Abcdefghij0123456789@172.17.0.1:3306/site_7",
				"DIRECTOR_DATABASE_TYPE=mysql", "DIRECTOR_DATABASE_USERNAME=site_7",
				"DIRECTOR_DATABASE_PASSWORD=Abcdefghij0123456789", "DIRECTOR_SITE_NAME=blog");
	}

	@Test
	void aSiteWithoutADatabaseHasNoDatabaseVariables() {
		TerminalGrant grant = new TerminalGrant(7, "blog", "alice", TerminalMode.SHELL, null, true,
				"director/runtime-plain:3", SiteLimits.DEFAULTS, Instant.now(), "nonce");

		assertThat(TerminalSession.environment(grant)).noneMatch(line -> line.contains("DATABASE"));
	}

}
