package edu.tjhsst.director.manager.operation;

/** Published whenever an operation of this site moves on, so live pages can refresh. */
public record OperationProgress(long siteId) {
}
