/** What the components' servlet filters share. */
package edu.tjhsst.director.common.web;
