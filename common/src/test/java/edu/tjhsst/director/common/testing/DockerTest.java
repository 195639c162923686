package edu.tjhsst.director.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that needs the Docker engine in Swarm mode: it builds or runs containers, takes minutes rather than seconds,
 * and is left out of the quick run ({@code ./director test quick}); {@code ./director test} runs it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DockerTest.TAG)
public @interface DockerTest {

	/** The JUnit tag, for surefire's {@code excludedGroups}. */
	String TAG = "docker";

}
