package edu.tjhsst.director.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the orchestrator of one app server. */
@SpringBootApplication(exclude = MustacheAutoConfiguration.class) // JMustache renders Nginx files, not web views
@ConfigurationPropertiesScan
public class OrchestratorApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrchestratorApplication.class, args);
	}

}
