package edu.tjhsst.director.common.site;

/** The database servers a site's database can live on. */
public enum DatabaseEngine {

	POSTGRESQL("PostgreSQL", "postgres", "postgresql", 5432),

	/** MySQL or MariaDB: they speak the same protocol and SQL for everything Director does. */
	MYSQL("MySQL / MariaDB", "mysql", "mysql", 3306);

	private final String label;

	private final String scheme;

	private final String typeName;

	private final int defaultPort;

	DatabaseEngine(String label, String scheme, String typeName, int defaultPort) {
		this.label = label;
		this.scheme = scheme;
		this.typeName = typeName;
		this.defaultPort = defaultPort;
	}

	/** As people read it. */
	public String label() {
		return label;
	}

	/** The scheme of its {@code DATABASE_URL}, as frameworks expect it. */
	public String scheme() {
		return scheme;
	}

	/** The value of {@code DIRECTOR_DATABASE_TYPE}. */
	public String typeName() {
		return typeName;
	}

	public int defaultPort() {
		return defaultPort;
	}

}
