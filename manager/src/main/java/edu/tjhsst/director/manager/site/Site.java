package edu.tjhsst.director.manager.site;

import java.time.Instant;

import edu.tjhsst.director.common.site.SiteType;

/** A site as the portal stores it. */
public record Site(long id, String name, String description, SiteType type, Instant createdAt) {
}
