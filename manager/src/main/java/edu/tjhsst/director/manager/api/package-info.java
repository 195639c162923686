/**
 * What the portal's API for scripts ({@code /api/v1}) shares: the marker of its controllers and its one error mapping,
 * RFC 9457 problem details.
 */
package edu.tjhsst.director.manager.api;
