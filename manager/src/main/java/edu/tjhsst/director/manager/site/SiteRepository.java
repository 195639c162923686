package edu.tjhsst.director.manager.site;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteType;

/** Stores sites and their members in PostgreSQL. */
@Repository
public class SiteRepository {

	private static final String COLUMNS = "s.id, s.name, s.description, s.type, s.runtime, s.availability, "
			+ "s.cpu_millis, s.memory_mib, s.pids, s.max_body_mib, s.disk_mib, s.packages, s.image, s.created_at, "
			+ "s.owner_cpu_millis, s.owner_php_workers";

	private final JdbcClient jdbc;

	SiteRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Site> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from sites s where s.id = ?").param(id).query(SiteRepository::map)
			.optional();
	}

	/**
	 * The site, holding its row until the caller's transaction ends: no operation can start on it meanwhile (the new
	 * operation's row refers to this one, and PostgreSQL has that reference wait for the lock), nor can the site's row
	 * change.
	 */
	public Optional<Site> lockById(long id) {
		return jdbc.sql("select " + COLUMNS + " from sites s where s.id = ? for update of s").param(id)
			.query(SiteRepository::map).optional();
	}

	/**
	 * {@link #lockById} for those of many sites that are idle: still there, with no open operation (as
	 * {@code Operations.isLocked} tells it) and no row another transaction holds (which it skips rather than waits
	 * for), by id. No operation can start on them until the caller's transaction ends; the others are left alone.
	 */
	public List<Site> lockIdleByIds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from sites s where s.id in (:ids) and not exists (select 1 from"
				+ " operations o where o.site_id = s.id and o.status <> 'SUCCEEDED') order by s.id for update of s"
				+ " skip locked")
			.param("ids", ids).query(SiteRepository::map).list();
	}

	/** Every site's id, oldest first. */
	public List<Long> ids() {
		return jdbc.sql("select id from sites order by id").query(Long.class).list();
	}

	public Optional<Site> findByName(String name) {
		return jdbc.sql("select " + COLUMNS + " from sites s where s.name = ?").param(name).query(SiteRepository::map)
			.optional();
	}

	/** The site if this user belongs to it. */
	public Optional<Site> findByIdForMember(long id, long userId) {
		return jdbc.sql("select " + COLUMNS + " from sites s join site_members m on m.site_id = s.id "
				+ "where s.id = ? and m.user_id = ?")
			.params(id, userId).query(SiteRepository::map).optional();
	}

	public List<Site> findByMember(long userId) {
		return jdbc.sql("select " + COLUMNS + " from sites s join site_members m on m.site_id = s.id "
				+ "where m.user_id = ? order by s.name")
			.param(userId).query(SiteRepository::map).list();
	}

	/**
	 * A page of the sites whose name, description or member's user name contains the text, by name, for
	 * administrators: one page at a time, so that a school's thousands of sites cost a page what fifty do.
	 */
	public List<Site> search(String text, int offset, int limit) {
		if (text.isEmpty()) {
			// Every site: straight down the name's index. The filter below would hold for each row, and checking it
			// made the last of 200 pages take 5-12 ms rather than 2.4 (EXPLAIN ANALYZE at 10,000 sites).
			return jdbc.sql("select " + COLUMNS + " from sites s order by s.name limit :limit offset :offset")
				.param("limit", limit).param("offset", offset).query(SiteRepository::map).list();
		}
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("select " + COLUMNS + " from sites s where s.name ilike :p or s.description ilike :p "
				+ "or exists (select 1 from site_members m join users u on u.id = m.user_id "
				+ "where m.site_id = s.id and u.username ilike :p) order by s.name limit :limit offset :offset")
			.param("p", pattern).param("limit", limit).param("offset", offset).query(SiteRepository::map).list();
	}

	public boolean existsByName(String name) {
		return jdbc.sql("select count(*) from sites where name = ?").param(name).query(Long.class).single() > 0;
	}

	/** How many sites a user belongs to, and the number an administrator set for them (null for the default). */
	record MemberCount(long sites, Integer maxSites) {
	}

	/**
	 * The user's count; {@code lock} holds the user's row until the transaction ends, so that two creations at once
	 * cannot both see room for one more site.
	 */
	MemberCount memberCount(long userId, boolean lock) {
		return jdbc.sql("select u.max_sites, (select count(*) from site_members m where m.user_id = u.id) as sites "
				+ "from users u where u.id = ?" + (lock ? " for update of u" : ""))
			.param(userId).query(SiteRepository::mapCount).single();
	}

	/** Every user's count, by user id. */
	Map<Long, MemberCount> memberCounts() {
		Map<Long, MemberCount> counts = new HashMap<>();
		jdbc.sql("select u.id, u.max_sites, count(m.site_id) as sites from users u "
				+ "left join site_members m on m.user_id = u.id group by u.id")
			.query((RowCallbackHandler) rs -> counts.put(rs.getLong("id"), mapCount(rs, 0)));
		return counts;
	}

	private static MemberCount mapCount(ResultSet rs, int row) throws SQLException {
		return new MemberCount(rs.getLong("sites"), rs.getObject("max_sites", Integer.class));
	}

	/** Adds a site and returns its id. */
	long create(String name, String description, SiteType type, String runtime) {
		return jdbc.sql("insert into sites (name, description, type, runtime) values (?, ?, ?, ?) returning id")
			.params(name, description, type.name(), runtime).query(Long.class).single();
	}

	/** Sets how the site is served; a static site keeps its last runtime for a change back. */
	void changeType(long siteId, SiteType type, String runtime) {
		jdbc.sql("update sites set type = ?, runtime = ? where id = ?").params(type.name(), runtime, siteId).update();
	}

	/** Stores what a site's owners chose within its limits; a null choice takes the limit's own value. */
	void updateResources(long siteId, SiteResources resources) {
		jdbc.sql("update sites set owner_cpu_millis = ?, owner_php_workers = ? where id = ?")
			.params(resources.cpuMillis(), resources.phpWorkers(), siteId).update();
	}

	/** Stores what an administrator set; a null limit takes the default. */
	void updateSettings(long siteId, SiteSettings settings) {
		jdbc.sql("update sites set availability = ?, cpu_millis = ?, memory_mib = ?, pids = ?, max_body_mib = ?, "
				+ "disk_mib = ? where id = ?")
			.params(settings.availability().name(), settings.cpuMillis(), settings.memoryMiB(), settings.pids(),
					settings.maxBodyMiB(), settings.diskMiB(), siteId)
			.update();
	}

	/** Stores the extra Debian packages the site's owner asked for; the names passed the whitelist. */
	void savePackages(long siteId, List<String> packages) {
		jdbc.sql("update sites set packages = ? where id = ?").params(String.join(" ", packages), siteId).update();
	}

	/** Records the image built for the site, or null when it runs its runtime's own image. */
	void saveImage(long siteId, String image) {
		jdbc.sql("update sites set image = ? where id = ?").params(image, siteId).update();
	}

	void addMember(long siteId, long userId) {
		jdbc.sql("insert into site_members (site_id, user_id) values (?, ?) on conflict do nothing")
			.params(siteId, userId).update();
	}

	/** The user names of a site's members. */
	public List<String> memberNames(long siteId) {
		return jdbc.sql("select u.username from site_members m join users u on u.id = m.user_id "
				+ "where m.site_id = ? order by u.username").param(siteId).query(String.class).list();
	}

	/** Removes a site's record with its members and operations. */
	public void delete(long siteId) {
		jdbc.sql("delete from sites where id = ?").param(siteId).update();
	}

	private static Site map(ResultSet rs, int row) throws SQLException {
		String packages = rs.getString("packages");
		return new Site(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				SiteType.valueOf(rs.getString("type")), rs.getString("runtime"),
				SiteAvailability.valueOf(rs.getString("availability")),
				new SiteLimits(rs.getObject("cpu_millis", Long.class), rs.getObject("memory_mib", Long.class),
						rs.getObject("pids", Long.class), rs.getObject("max_body_mib", Long.class),
						rs.getObject("disk_mib", Long.class)),
				packages.isEmpty() ? List.of() : List.of(packages.split(" ")), rs.getString("image"),
				rs.getTimestamp("created_at").toInstant(), new SiteResources(rs.getObject("owner_cpu_millis", Long.class),
						rs.getObject("owner_php_workers", Long.class)));
	}

}
