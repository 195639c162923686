/**
 * TLS certificates over ACME (RFC 8555): one per active custom domain (and the portal's name), got with HTTP-01
 * answered by the router, stored sealed in PostgreSQL, given to the router, and renewed by a Quartz job.
 */
package edu.tjhsst.director.manager.tls;
