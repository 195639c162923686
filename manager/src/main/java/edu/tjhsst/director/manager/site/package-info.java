/** Sites: creating them, listing them, and who may see which. */
package edu.tjhsst.director.manager.site;
