package edu.tjhsst.director.manager.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The manager's PostgreSQL: an external one by URL, or an embedded one whose files survive restarts. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	DataSource dataSource(DirectorProperties properties, EmbeddedDatabase embedded) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("director");
		// Room for the reconciler's eight sites at once beside the portal's requests and Quartz.
		config.setMaximumPoolSize(24);
		DirectorProperties.Database database = properties.database();
		if (database.external()) {
			config.setJdbcUrl(database.url());
			config.setUsername(database.username());
			config.setPassword(database.password());
			log.info("using the external PostgreSQL configured by DIRECTOR_DB_URL");
		}
		else {
			config.setJdbcUrl(embedded.server().getJdbcUrl("postgres", "postgres"));
			config.setUsername("postgres");
		}
		return new HikariDataSource(config);
	}

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(DirectorProperties properties) {
		if (properties.database().external()) {
			return new EmbeddedDatabase(null);
		}
		Path directory = properties.data().resolve("postgres");
		try {
			Files.createDirectories(directory.getParent());
			OrphanPostgres.stop(directory);
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				// zonky starts PostgreSQL with -F (no fsync) for tests; these settings come after it and win, so that
				// a power cut loses nothing committed.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.start();
			log.info("embedded PostgreSQL started on port {} with its files in {}", server.getPort(), directory);
			return new EmbeddedDatabase(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, ex);
		}
	}

	/** Holds the embedded server, if one runs, so that it stops after the pool that uses it. */
	record EmbeddedDatabase(EmbeddedPostgres server) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			if (server != null) {
				server.close();
			}
		}

	}

}
