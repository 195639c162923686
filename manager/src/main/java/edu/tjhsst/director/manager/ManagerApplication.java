package edu.tjhsst.director.manager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the portal. Its pages are Thymeleaf's; JMustache (from common) renders Nginx files only. Left in, Spring Boot's
 * Mustache view resolver, uncached by default, looked for a template in the jar on every page a person asked for.
 */
@SpringBootApplication(exclude = MustacheAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ManagerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ManagerApplication.class, args);
	}

}
