/** Sites' databases: the servers administrators register, each site's database on one, and the SQL console. */
package edu.tjhsst.director.manager.database;
