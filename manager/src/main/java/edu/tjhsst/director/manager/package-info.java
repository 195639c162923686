/** The portal: people, their sites, and the operations that change sites. */
package edu.tjhsst.director.manager;
