/**
 * Custom domains of sites: the proof in DNS that a site's owner holds a domain (a TXT record with a token the
 * platform gave), and whether the domain points at the platform.
 */
package edu.tjhsst.director.manager.domain;
