package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * The engine layer's beans as Spring makes them from the settings: the admins of both engines, the console, the
 * names, and the embedded PostgreSQL for sites only when it is asked for, stopped with the context.
 */
class DatabaseBeansTests {

	@TempDir
	Path data;

	@EnableConfigurationProperties(DirectorProperties.class)
	static class Settings {
	}

	private ApplicationContextRunner runner(boolean embedded, int port) {
		return new ApplicationContextRunner()
			.withUserConfiguration(Settings.class, PostgresAdmin.class, MysqlAdmin.class, DatabaseAdmins.class,
					SqlConsole.class, DatabaseNames.class, EmbeddedSiteDatabaseServer.class)
			.withPropertyValues("director.data=" + data, "director.site-databases.embedded=" + embedded,
					"director.site-databases.embedded-port=" + port, "director.site-databases.listen-addresses=",
					"director.site-databases.sites-host=172.17.0.1", "director.site-databases.prefix=site_",
					"director.site-databases.console-timeout-seconds=10",
					"director.site-databases.console-row-cap=500");
	}

	@Test
	void withoutTheEmbeddedServerTheOtherBeansAreThere() {
		runner(false, TestDatabases.freePort()).run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedSiteDatabaseServer.class);
			DatabaseHost mysql = TestDatabases.mysqlHost();
			assertThat(context.getBean(DatabaseAdmins.class).of(mysql).engine()).isEqualTo(DatabaseEngine.MYSQL);
			assertThat(context.getBean(DatabaseNames.class).forSite(3)).isEqualTo("site_3");
			assertThat(context.getBean(SqlConsole.class)).isNotNull();
		});
	}

	@Test
	void theEmbeddedServerRunsWhileTheContextDoesAndStopsWithIt() {
		int port = TestDatabases.freePort();
		String[] password = new String[1];
		runner(true, port).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EmbeddedSiteDatabaseServer.class);
			EmbeddedSiteDatabaseServer server = context.getBean(EmbeddedSiteDatabaseServer.class);
			password[0] = server.adminPassword();
			DatabaseHost host = TestDatabases.postgresHost(server);
			assertThat(context.getBean(DatabaseAdmins.class).of(host).check(host)).startsWith("PostgreSQL 17");
		});
		assertThatThrownBy(() -> Jdbc.postgres("127.0.0.1", port, "postgres", "postgres", password[0], 5).close())
			.hasMessageContaining("refused");
	}

}
