/** Portal accounts as every component sees them: the rule for a user name. */
package edu.tjhsst.director.common.user;
