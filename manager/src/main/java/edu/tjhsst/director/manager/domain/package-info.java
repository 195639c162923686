/**
 * Custom domains of sites: the proof in DNS that a site's owner holds a domain (a TXT record with a token the
 * platform gave), whether the domain points at the platform, the domains each site has with their states, the
 * owner's "Domains" page and the administrators' one, where proven domains may wait for an approval.
 */
package edu.tjhsst.director.manager.domain;
