package edu.tjhsst.director.router;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

import edu.tjhsst.director.common.site.HostNames;

/**
 * The router's settings, bound from {@code director.router.*} (see {@code application.properties} for the
 * environment variables behind each one); every value that reaches an Nginx template is checked here.
 * @param nginxDir the router Nginx's prefix: main config, {@code sites/}, temp files and logs
 * @param httpAddress the IPv4 address the front door listens on
 * @param httpPort the front door's HTTP port
 * @param httpsPort the front door's HTTPS port, on the same address, for hosts with a certificate
 * @param appservers the app servers site traffic goes to
 * @param nginxBinary the nginx executable
 * @param key the key the manager signs with, or blank to read {@code keyFile}
 * @param keyFile the file holding that key
 * @param portalHost the portal's host name, which the router forwards to the manager, or blank for none
 * @param portalUpstream where the manager serves the portal
 */
@ConfigurationProperties("director.router")
public record RouterProperties(Path nginxDir, String httpAddress, int httpPort, int httpsPort,
		List<AppServer> appservers, String nginxBinary, String key, String keyFile, String portalHost,
		AppServer portalUpstream) {

	private static final Pattern SAFE_PATH = Pattern.compile("^/[A-Za-z0-9._/+-]*$");

	public RouterProperties {
		if (nginxDir == null) {
			throw new IllegalArgumentException("director.router.nginx-dir is required (it follows DIRECTOR_DATA)");
		}
		nginxDir = nginxDir.toAbsolutePath().normalize();
		if (!SAFE_PATH.matcher(nginxDir.toString()).matches()) {
			throw new IllegalArgumentException("the router's Nginx directory " + nginxDir
					+ " may hold only letters, digits and . _ / + - (check DIRECTOR_DATA)");
		}
		if (!AppServer.isIpv4(httpAddress)) {
			throw new IllegalArgumentException("DIRECTOR_ROUTER_HTTP_ADDRESS must be an IPv4 address, not \""
					+ httpAddress + "\"");
		}
		if (httpPort < 1 || httpPort > 65535) {
			throw new IllegalArgumentException("DIRECTOR_ROUTER_HTTP_PORT must be 1 to 65535, not " + httpPort);
		}
		if (httpsPort < 1 || httpsPort > 65535 || httpsPort == httpPort) {
			throw new IllegalArgumentException("DIRECTOR_ROUTER_HTTPS_PORT must be 1 to 65535 and differ from the HTTP "
					+ "port, not " + httpsPort);
		}
		if (appservers == null || appservers.isEmpty()) {
			throw new IllegalArgumentException("DIRECTOR_ROUTER_APPSERVERS must list at least one host:port or unix:/path");
		}
		appservers = List.copyOf(appservers);
		if (nginxBinary == null || nginxBinary.isBlank()) {
			throw new IllegalArgumentException("DIRECTOR_NGINX_BINARY must name the nginx executable");
		}
		portalHost = portalHost == null ? "" : portalHost.strip();
		if (!portalHost.isEmpty() && !HostNames.isValid(portalHost)) {
			throw new IllegalArgumentException("DIRECTOR_PORTAL_HOST must be a lowercase host name or blank, not \""
					+ portalHost + "\"");
		}
		if (!portalHost.isEmpty() && portalUpstream == null) {
			throw new IllegalArgumentException("DIRECTOR_ROUTER_PORTAL_UPSTREAM must be host:port when "
					+ "DIRECTOR_PORTAL_HOST is set");
		}
	}

	/** The address and port of the front door as an Nginx {@code listen} parameter. */
	public String listen() {
		return httpAddress + ":" + httpPort;
	}

	/** The portal's host name, when the router forwards one to the manager. */
	public Optional<String> portal() {
		return portalHost.isEmpty() ? Optional.empty() : Optional.of(portalHost);
	}

	/** The address and HTTPS port of the front door as an Nginx {@code listen} parameter. */
	public String httpsListen() {
		return httpAddress + ":" + httpsPort;
	}

	@Override
	public String toString() {
		return "RouterProperties[nginxDir=" + nginxDir + ", listen=" + listen() + ", httpsListen=" + httpsListen()
				+ ", appservers=" + appservers
				+ ", nginxBinary=" + nginxBinary + ", key=" + (key == null || key.isBlank() ? "" : "[hidden]")
				+ ", keyFile=" + keyFile + ", portalHost=" + portalHost + ", portalUpstream=" + portalUpstream + "]";
	}

}
