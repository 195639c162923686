package edu.tjhsst.director.common.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteType;

/**
 * One of a user's sites as the manager lists them for the shell server's menu
 * ({@code GET /shell-server/users/<name>/sites}). A field the manager may add later does not break an older reader.
 * @param id the site's id
 * @param name the site's name
 * @param type how its requests are answered
 * @param availability whether it is served, as an administrator set it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShellSite(long id, String name, SiteType type, SiteAvailability availability) {
}
