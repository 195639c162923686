/** Administrators' pages: accounts and failed operations. */
package edu.tjhsst.director.manager.admin;
