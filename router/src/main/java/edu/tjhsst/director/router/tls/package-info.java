/** Certificates the router serves over HTTPS: checked before anything reaches Nginx, kept on disk by version. */
package edu.tjhsst.director.router.tls;
