package edu.tjhsst.director.orchestrator.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxRejectedException;

/** The host's real Nginx ({@code nginx -t}) accepts every config the orchestrator renders. */
class HostNginxTests {

	private static final String NGINX = "/usr/sbin/nginx";

	@TempDir
	Path prefix;

	private AppserverTemplates templates;

	private LocalNginx nginx;

	private NginxConfigDirectory configs;

	@BeforeEach
	void writeMainConfig() {
		assumeTrue(Files.isExecutable(Path.of(NGINX)), "needs " + NGINX);
		// nginx -t binds every listening socket it can, so the servers' Unix socket must be in a folder that exists.
		templates = new AppserverTemplates(new SiteNames(""), List.of("172.18.0.1", "192.0.2.0/24"),
				prefix + "/http.sock");
		nginx = new LocalNginx(NGINX, prefix);
		configs = new NginxConfigDirectory(prefix, prefix.toString(), nginx, templates::testWrapper, Duration.ofMillis(10));
		configs.writeMain(templates.mainConfig(new AppserverTemplates.MainPaths(prefix + "/nginx.pid",
				configs.nginxSitesDir(), prefix + "/" + AppserverTemplates.DEFAULT_PAGE_DIR)));
	}

	@AfterEach
	void close() {
		if (configs != null) {
			configs.close();
		}
	}

	@Test
	void theMainConfigIsAccepted() {
		assertThatNoException().isThrownBy(() -> nginx.test(configs.nginxMainConfig()));
	}

	@Test
	void aStaticSiteIsAcceptedAloneAndWithTheMainConfig() {
		// Nginx is not running, so the reload that follows fails; only the tests matter here.
		configs.apply("site-42.conf", templates.site(AppserverTemplatesTests.SPEC));

		assertThat(configs.read("site-42.conf")).contains(templates.site(AppserverTemplatesTests.SPEC));
		assertThatNoException().isThrownBy(() -> nginx.test(configs.nginxMainConfig()));
	}

	@Test
	void aDynamicSiteIsAcceptedAloneAndWithTheMainConfig() {
		configs.apply("site-43.conf", templates.site(AppserverTemplatesTests.DYNAMIC));

		assertThat(configs.read("site-43.conf")).contains(templates.site(AppserverTemplatesTests.DYNAMIC));
		assertThatNoException().isThrownBy(() -> nginx.test(configs.nginxMainConfig()));
	}

	@Test
	void sitesThatAreNotServedOrDisabledAreAcceptedWithTheMainConfig() {
		configs.apply("site-44.conf", templates.site(AppserverTemplatesTests.NOT_SERVED));
		configs.apply("site-45.conf", templates.site(AppserverTemplatesTests.DISABLED));

		assertThat(configs.read("site-45.conf")).contains(templates.site(AppserverTemplatesTests.DISABLED));
		assertThatNoException().isThrownBy(() -> nginx.test(configs.nginxMainConfig()));
	}

	@Test
	void aPhpSiteIsAcceptedAloneAndWithTheMainConfig() {
		configs.apply("site-44.conf", templates.site(AppserverTemplatesTests.PHP));

		assertThat(configs.read("site-44.conf")).contains(templates.site(AppserverTemplatesTests.PHP));
		assertThatNoException().isThrownBy(() -> nginx.test(configs.nginxMainConfig()));
	}

	@Test
	void aBrokenSiteIsRefusedWithNginxsOwnMessage() {
		assertThatExceptionOfType(NginxRejectedException.class)
			.isThrownBy(() -> configs.apply("site-7.conf", "server { listen 80; bogus_directive; }"))
			.withMessageContaining("unknown directive \"bogus_directive\"");
		assertThat(configs.read("site-7.conf")).isEmpty();
	}

}
