/** The runtimes sites' processes run in, as administrators manage them: names, descriptions, images, setup. */
package edu.tjhsst.director.manager.runtime;
