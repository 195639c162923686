package edu.tjhsst.director.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Starts the shell server: the SSH server and its loopback health endpoint. */
@SpringBootApplication
@EnableConfigurationProperties(ShellProperties.class)
public class ShellApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShellApplication.class, args);
	}

}
