package edu.tjhsst.director.shell.manager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One of a user's sites as the manager lists it for the menu.
 * @param id the site's id
 * @param name the site's name
 * @param type STATIC, PHP or DYNAMIC
 * @param availability ENABLED, NOT_SERVED or DISABLED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SiteSummary(long id, String name, String type, String availability) {
}
