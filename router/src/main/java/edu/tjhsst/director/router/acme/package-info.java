/** ACME HTTP-01 challenge answers, which the router's Nginx serves to the certificate authority for any host. */
package edu.tjhsst.director.router.acme;
