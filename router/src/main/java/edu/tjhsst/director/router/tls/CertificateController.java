package edu.tjhsst.director.router.tls;

import java.time.Clock;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import edu.tjhsst.director.common.site.HostNames;
import edu.tjhsst.director.common.tls.CertificateInstall;
import edu.tjhsst.director.router.api.Reloads;
import edu.tjhsst.director.router.nginx.RouteConfigs;

/**
 * Installs and removes the certificate of one host name, for the manager's ACME client; lists them for operators.
 * A certificate is checked whole before any file is written, and the call returns once Nginx serves it.
 */
@RestController
@RequestMapping("/certificates")
class CertificateController {

	private final CertificateChecks checks = new CertificateChecks();

	private final RouteConfigs routes;

	private final CertificateStore store;

	private final Clock clock = Clock.systemUTC();

	CertificateController(RouteConfigs routes, CertificateStore store) {
		this.routes = routes;
		this.store = store;
	}

	@PutMapping(path = "/{*host}", consumes = MediaType.APPLICATION_JSON_VALUE)
	InstalledCertificate put(@PathVariable String host, @RequestBody CertificateInstall install) {
		String name = requireHost(host);
		List<String> problems = install.problems();
		if (!problems.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, String.join("; ", problems));
		}
		CheckedCertificate certificate = checks.check(name, install, clock.instant());
		Reloads.await(routes.serveCertificate(certificate));
		return new InstalledCertificate(name, certificate.notAfter(), certificate.version());
	}

	@DeleteMapping("/{*host}")
	CertificateStatus delete(@PathVariable String host) {
		String name = requireHost(host);
		Reloads.await(routes.withdrawCertificate(name));
		return new CertificateStatus(name, "removed");
	}

	@GetMapping
	List<InstalledCertificate> list() {
		return store.installed();
	}

	private static String requireHost(String path) {
		String host = path.startsWith("/") ? path.substring(1) : path;
		if (!HostNames.isValid(host)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"the host must be a lowercase DNS name of letters, digits, dots and hyphens");
		}
		return host;
	}

	/**
	 * What became of a host's certificate.
	 * @param host the host name
	 * @param status {@code removed}
	 */
	record CertificateStatus(String host, String status) {
	}

}
