package edu.tjhsst.director.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * An end-to-end journey: it starts the whole platform and drives Debian's Chromium through it. Left out of the quick
 * run ({@code ./director test quick}); {@code ./director test} runs it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(BrowserTest.TAG)
public @interface BrowserTest {

	/** The JUnit tag, for surefire's {@code excludedGroups}. */
	String TAG = "browser";

}
