/**
 * Personal API tokens: making one (shown once, kept as a hash), revoking it, and signing in API calls with it, within
 * its scopes and never beyond its owner's role.
 */
package edu.tjhsst.director.manager.token;
