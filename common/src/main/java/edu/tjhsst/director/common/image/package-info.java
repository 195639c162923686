/** What a site's own image is built from: its runtime's base image, setup commands and whitelisted packages. */
package edu.tjhsst.director.common.image;
