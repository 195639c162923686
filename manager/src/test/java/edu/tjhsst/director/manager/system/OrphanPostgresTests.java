package edu.tjhsst.director.manager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL left running on a data directory, as a manager killed with -9 leaves it. */
class OrphanPostgresTests {

	@TempDir
	Path data;

	@Test
	void aServerLeftRunningOnTheDirectoryIsStoppedSoThatANewStartWorksAndKeepsTheData() throws Exception {
		EmbeddedPostgres first = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
		try (Connection connection = first.getPostgresDatabase().getConnection()) {
			connection.createStatement().execute("create table kept (note text)");
			connection.createStatement().execute("insert into kept values ('committed before the kill')");
		}
		long pid = OrphanPostgres.postmaster(data).orElseThrow().pid();
		// The JVM that started it is gone as far as this server knows: nothing closes it.

		assertThat(OrphanPostgres.stop(data)).isTrue();

		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(OrphanPostgres.postmaster(data)).isEmpty();
		// zonky also locks the directory inside this JVM, which a killed JVM's lock never outlives; release it here.
		try {
			first.close();
		}
		catch (java.io.IOException | RuntimeException alreadyStopped) {
			// pg_ctl finds no server to stop: the orphan is gone already, which is the point.
		}
		try (EmbeddedPostgres second = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
			.start(); Connection connection = second.getPostgresDatabase().getConnection()) {
			ResultSet rows = connection.createStatement().executeQuery("select note from kept");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("committed before the kill");
		}
	}

	@Test
	void aDirectoryWithNoServerIsLeftAlone() {
		assertThat(OrphanPostgres.stop(data)).isFalse();
	}

}
