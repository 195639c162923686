package edu.tjhsst.director.router;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's settings are bound from properties and refuse anything that could break its Nginx config. */
class RouterPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("director.router.nginx-dir=/srv/director/router-nginx",
				"director.router.http-address=0.0.0.0", "director.router.http-port=8000",
				"director.router.https-port=8443",
				"director.router.appservers=127.0.0.1:8081", "director.router.nginx-binary=/usr/sbin/nginx",
				"director.router.key=", "director.router.key-file=/srv/director/secrets/router.key");

	@Test
	void aCommaSeparatedListOfAppServersIsBound() {
		runner.withPropertyValues("director.router.appservers=10.0.0.5:8081, app-2.internal:8081")
			.run(context -> assertThat(context.getBean(RouterProperties.class).appservers())
				.containsExactly(new AppServer("10.0.0.5", 8081), new AppServer("app-2.internal", 8081)));
	}

	@Test
	void aBadAppServerStopsStartUpWithItsReason() {
		runner.withPropertyValues("director.router.appservers=10.0.0.5:8081,evil;host:80")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("app server host must be an IPv4 address or a host name")
				.hasMessageContaining("evil;host"));
	}

	@Test
	void anEmptyListOfAppServersStopsStartUp() {
		runner.withPropertyValues("director.router.appservers=")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("DIRECTOR_ROUTER_APPSERVERS must list at least one host:port"));
	}

	@Test
	void theFrontDoorNeedsAnIpv4AddressAndAPortInRange() {
		runner.withPropertyValues("director.router.http-address=localhost; evil")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("DIRECTOR_ROUTER_HTTP_ADDRESS"));
		runner.withPropertyValues("director.router.http-port=70000")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("DIRECTOR_ROUTER_HTTP_PORT"));
		runner.withPropertyValues("director.router.https-port=8000")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("DIRECTOR_ROUTER_HTTPS_PORT must be 1 to 65535 and differ from the HTTP port"));
	}

	@Test
	void thePortalIsOptionalAndItsHostNameIsChecked() {
		runner.run(context -> assertThat(context.getBean(RouterProperties.class).portal()).isEmpty());
		runner.withPropertyValues("director.router.portal-host=director.example.org",
				"director.router.portal-upstream=127.0.0.1:8080")
			.run(context -> {
				RouterProperties properties = context.getBean(RouterProperties.class);
				assertThat(properties.portal()).contains("director.example.org");
				assertThat(properties.portalUpstream()).isEqualTo(new AppServer("127.0.0.1", 8080));
			});
		runner.withPropertyValues("director.router.portal-host=evil.org; }")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("DIRECTOR_PORTAL_HOST must be a lowercase host name or blank"));
	}

	@Test
	void anNginxDirectoryThatCouldBreakTheConfigIsRefused() {
		runner.withPropertyValues("director.router.nginx-dir=/srv/my data;/router-nginx")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("may hold only"));
	}

	@Test
	void theKeyIsNeverPrinted() {
		runner.withPropertyValues("director.router.key=a-secret-that-must-not-be-logged-0123456789")
			.run(context -> assertThat(context.getBean(RouterProperties.class).toString())
				.doesNotContain("a-secret").contains("key=[hidden]"));
	}

	/** Binds the properties and nothing else. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RouterProperties.class)
	static class PropertiesOnly {

	}

}
