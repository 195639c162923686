package edu.tjhsst.director.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Starts the router: its Nginx front door and the signed API the manager publishes routes through. */
@SpringBootApplication(exclude = MustacheAutoConfiguration.class) // JMustache renders Nginx configs, not pages
@EnableConfigurationProperties(RouterProperties.class)
public class RouterApplication {

	public static void main(String[] args) {
		SpringApplication.run(RouterApplication.class, args);
	}

}
