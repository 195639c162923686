package edu.tjhsst.director.orchestrator.docker;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The names of sites' Docker objects, from {@code director.platform} ({@code DIRECTOR_PLATFORM}). */
@Configuration(proxyBeanMethods = false)
class SiteNamesConfiguration {

	@Bean
	SiteNames siteNames(@Value("${director.platform:}") String platform) {
		return new SiteNames(platform);
	}

}
