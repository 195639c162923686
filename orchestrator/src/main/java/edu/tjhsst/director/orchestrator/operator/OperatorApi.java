package edu.tjhsst.director.orchestrator.operator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the operator API, under {@link #PATH}: operators' tokens reach these and nothing else, and the
 * manager's signature does not reach them ({@link OperatorBoundary}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OperatorApi {

	/** Where every operator path starts. */
	String PATH = "/operator/v1";

}
