package edu.tjhsst.director.router;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a Spring test's router keeps its data and which loopback ports its front door listens on, chosen before
 * the context starts so that the test can reach Nginx directly.
 * @param data the router's data directory
 * @param httpPort the front door's plain HTTP port
 * @param httpsPort the front door's HTTPS port
 */
public record RouterUnderTest(Path data, int httpPort, int httpsPort) {

	/** A router on the given data directory and two ports that were free a moment ago. */
	public static RouterUnderTest in(Path data) {
		return new RouterUnderTest(data, RouterTestSupport.freePort(), RouterTestSupport.freePort());
	}

	/**
	 * Points the router at this directory and these ports on loopback only, and makes it trust the tests' manager
	 * key; each test adds what its own case needs, such as the app servers.
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("director.data", data::toString);
		registry.add("director.router.http-address", () -> "127.0.0.1");
		registry.add("director.router.http-port", () -> httpPort);
		registry.add("director.router.https-port", () -> httpsPort);
		registry.add("director.router.key", () -> RouterTestSupport.KEY);
	}

}
