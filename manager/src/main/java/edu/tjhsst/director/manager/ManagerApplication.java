package edu.tjhsst.director.manager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the portal. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ManagerApplication {

	public static void main(String[] args) {
		// Reachability checks send the site's Host header to the router; the JDK refuses that header otherwise.
		System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
		SpringApplication.run(ManagerApplication.class, args);
	}

}
