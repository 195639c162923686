/** A site's desired state as components exchange it, and the whitelists every value passes. */
package edu.tjhsst.director.common.site;
