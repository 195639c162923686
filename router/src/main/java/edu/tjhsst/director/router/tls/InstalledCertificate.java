package edu.tjhsst.director.router.tls;

import java.time.Instant;

/**
 * A host's current certificate, as operators see it in {@code GET /certificates}.
 * @param host the host name it serves
 * @param notAfter when it expires; an expired one is no longer served
 * @param version 16 hex digits of the chain's SHA-256, which name its files
 */
public record InstalledCertificate(String host, Instant notAfter, String version) {
}
