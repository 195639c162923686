/** Sites: creating them, listing them, who may see which, their type, their process and their environment. */
package edu.tjhsst.director.manager.site;
