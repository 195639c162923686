package edu.tjhsst.director.manager.runtime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the runtimes administrators manage in PostgreSQL. */
@Repository
public class RuntimeRepository {

	private static final String COLUMNS = "name, title, description, base_image, setup_commands, hidden, position";

	private final JdbcClient jdbc;

	RuntimeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every runtime, hidden ones too, in list order. */
	public List<SiteRuntime> findAll() {
		return jdbc.sql("select " + COLUMNS + " from runtimes order by position, name").query(RuntimeRepository::map)
			.list();
	}

	/** The runtimes new sites may choose, in list order. */
	public List<SiteRuntime> findOffered() {
		return jdbc.sql("select " + COLUMNS + " from runtimes where not hidden order by position, name")
			.query(RuntimeRepository::map).list();
	}

	public Optional<SiteRuntime> findByName(String name) {
		return jdbc.sql("select " + COLUMNS + " from runtimes where name = ?").param(name)
			.query(RuntimeRepository::map).optional();
	}

	/**
	 * Adds a runtime at the end of the list.
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken
	 */
	void create(SiteRuntime runtime) {
		jdbc.sql("insert into runtimes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, "
				+ "(select coalesce(max(position), 0) + 10 from runtimes))")
			.params(runtime.name(), runtime.title(), runtime.description(), runtime.baseImage(),
					runtime.setupCommands(), runtime.hidden())
			.update();
	}

	/** Changes everything but the name and the position; false if there is no such runtime. */
	boolean update(SiteRuntime runtime) {
		return jdbc.sql("update runtimes set title = ?, description = ?, base_image = ?, setup_commands = ?, "
				+ "hidden = ? where name = ?")
			.params(runtime.title(), runtime.description(), runtime.baseImage(), runtime.setupCommands(),
					runtime.hidden(), runtime.name())
			.update() > 0;
	}

	private static SiteRuntime map(ResultSet rs, int row) throws SQLException {
		return new SiteRuntime(rs.getString("name"), rs.getString("title"), rs.getString("description"),
				rs.getString("base_image"), rs.getString("setup_commands"), rs.getBoolean("hidden"),
				rs.getInt("position"));
	}

}
