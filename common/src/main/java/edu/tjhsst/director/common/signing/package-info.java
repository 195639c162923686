/** HMAC request signing between components: signer, verifier, servlet filter and a signed HTTP client. */
package edu.tjhsst.director.common.signing;
