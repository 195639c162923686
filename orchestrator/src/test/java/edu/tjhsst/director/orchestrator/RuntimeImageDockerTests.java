package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.requireImages;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * The runtime images as a site's own user (a uid no account in the image has) with a read-only root finds them: the
 * database clients and drivers run, and no program can gain privileges.
 */
@DockerTest
class RuntimeImageDockerTests {

	private static final int SITE_UID = SiteUsers.uid(1);

	@BeforeAll
	static void images() throws Exception {
		requireImages("director/runtime-plain:3", "director/runtime-python:3", "director/runtime-node:3");
	}

	@Test
	void psqlAndMysqlRunInThePlainImageAsTheSitesUser() throws Exception {
		DockerCommands.Result result = asSite("director/runtime-plain:3",
				"id -u; psql --version; mysql --version");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).startsWith(SITE_UID + "\n").contains("psql (PostgreSQL) 15.")
			.containsPattern("mysql +Ver .*MariaDB");
	}

	@Test
	void pythonHasPsycopg2AndPyMysqlAndNodeHasPgAndMysql() throws Exception {
		DockerCommands.Result python = asSite("director/runtime-python:3",
				"python3 -c 'import psycopg2, pymysql; print(\"drivers\", psycopg2.__version__, pymysql.__version__)'");
		DockerCommands.Result node = asSite("director/runtime-node:3",
				"node -e 'require(\"pg\"); require(\"mysql\"); console.log(\"node drivers loaded\")'");

		assertThat(python.exitCode()).as(python.output()).isZero();
		assertThat(python.output()).startsWith("drivers 2.");
		assertThat(node.exitCode()).as(node.output()).isZero();
		assertThat(node.output()).contains("node drivers loaded");
	}

	@Test
	void noSetuidOrSetgidProgramIsLeftInAnyRuntimeImage() throws Exception {
		for (String image : new String[] { "director/runtime-plain:3", "director/runtime-python:3",
				"director/runtime-node:3" }) {
			DockerCommands.Result result = asSite(image, "find / -xdev -type f -perm /6000 2>/dev/null; echo end");

			assertThat(result.output()).as(image).isEqualTo("end\n");
		}
	}

	private static DockerCommands.Result asSite(String image, String script) throws Exception {
		return run(DOCKER, "run", "--rm", "--network", "none", "--read-only", "--user", SITE_UID + ":" + SITE_UID,
				image, "sh", "-c", script);
	}

}
