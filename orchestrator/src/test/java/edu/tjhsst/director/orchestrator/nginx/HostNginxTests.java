package edu.tjhsst.director.orchestrator.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.SiteSpec;

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
		// Nginx is not started: only its tests matter here, so a reload does nothing.
		NginxControl testOnly = new NginxControl() {
			@Override
			public void test(String mainConfig) {
				nginx.test(mainConfig);
			}

			@Override
			public void reload() {
			}
		};
		configs = new NginxConfigDirectory(prefix, prefix.toString(), testOnly, Duration.ofMillis(10));
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

	/** Applies a site's file under its name and waits for Nginx's test of the whole config with it. */
	private void accepted(SiteSpec spec) throws Exception {
		String fileName = AppserverTemplates.siteFileName(spec);
		configs.apply(fileName, templates.site(spec)).get(30, TimeUnit.SECONDS);
		assertThat(configs.read(fileName)).contains(templates.site(spec));
	}

	@Test
	void aStaticSiteIsAcceptedWithTheMainConfig() throws Exception {
		accepted(AppserverTemplatesTests.SPEC);
		assertThat(AppserverTemplates.siteFileName(AppserverTemplatesTests.SPEC)).isEqualTo("site-42.map");
	}

	@Test
	void aDynamicSiteIsAcceptedWithTheMainConfig() throws Exception {
		accepted(AppserverTemplatesTests.DYNAMIC);
	}

	@Test
	void sitesThatAreNotServedOrDisabledAreAcceptedWithTheMainConfig() throws Exception {
		accepted(AppserverTemplatesTests.NOT_SERVED);
		accepted(AppserverTemplatesTests.DISABLED);
		assertThat(AppserverTemplates.siteFileName(AppserverTemplatesTests.DISABLED)).endsWith(".conf");
	}

	@Test
	void aPhpSiteIsAcceptedWithTheMainConfig() throws Exception {
		accepted(AppserverTemplatesTests.PHP);
	}

	@Test
	void aBrokenSiteIsRefusedWithNginxsOwnMessage() {
		CompletableFuture<Void> broken = configs.apply("site-7.conf", "server { listen 80; bogus_directive; }");
		assertThatThrownBy(() -> broken.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("unknown directive \"bogus_directive\"");
		assertThat(configs.read("site-7.conf")).isEmpty();
	}

}
