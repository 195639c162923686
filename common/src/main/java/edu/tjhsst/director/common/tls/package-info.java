/** What the manager sends the router about TLS: answers to ACME HTTP-01 challenges, and certificates to serve. */
package edu.tjhsst.director.common.tls;
