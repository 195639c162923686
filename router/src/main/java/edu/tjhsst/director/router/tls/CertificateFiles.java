package edu.tjhsst.director.router.tls;

import java.nio.file.Path;

/**
 * One version of a host's certificate on disk, as a route file names it.
 * @param host the host name it serves
 * @param version 16 hex digits of the chain's SHA-256
 * @param chain {@code <version>.crt}: the leaf and its intermediates
 * @param key {@code <version>.key}: the private key, mode 600
 */
public record CertificateFiles(String host, String version, Path chain, Path key) {
}
