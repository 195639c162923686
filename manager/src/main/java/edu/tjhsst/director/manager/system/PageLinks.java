package edu.tjhsst.director.manager.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as they are. Spring Boot turns the static resources' chain on because the WebJars
 * locator is present (so that {@code /webjars/bootstrap/...} needs no version), and with it a filter that passes
 * every link a page writes through the resource resolvers, in case it names a versioned static file. Director
 * versions none, and each of a page's links that is not a static file (every site's {@code /sites/N}) was looked up
 * on the class path and in each jar, and missed, every time: 6 ms a link, a third of a second for the first page of
 * "All sites" (bench/scale.py). The locator still serves the WebJars' files; only the rewriting of links goes.
 */
@Configuration(proxyBeanMethods = false)
class PageLinks {

	/** Takes the place of Boot's registration of the filter, which it makes only when there is none. */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
