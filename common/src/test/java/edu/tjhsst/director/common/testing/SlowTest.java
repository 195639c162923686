package edu.tjhsst.director.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that takes ten seconds or more on its own although it needs no Docker: it starts real database or Nginx
 * servers, waits out real time windows or races many threads. Left out of the quick run ({@code ./director test
 * quick}), never out of {@code ./director test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SlowTest.TAG)
public @interface SlowTest {

	/** The JUnit tag, for surefire's {@code excludedGroups}. */
	String TAG = "slow";

}
