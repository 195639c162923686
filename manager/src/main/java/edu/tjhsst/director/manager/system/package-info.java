/** Cross-cutting set-up: database, security, web layout and error pages. */
package edu.tjhsst.director.manager.system;
