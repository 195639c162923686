/** People who use the portal, their roles, how they sign in, and the first administrator. */
package edu.tjhsst.director.manager.user;
