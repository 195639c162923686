package edu.tjhsst.director.orchestrator.operator;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The operator API's settings ({@code director.operators.*}).
 * @param tokensFile the operators' tokens, one per line ({@link OperatorTokens}), written by
 * {@code ./director operator add}; no file, no operator
 * @param auditFile where each call to the operator API is recorded, one JSON object per line
 * @param auditMaxSize the record's size at which it is moved to {@code <file>.1} (the older one goes) and begun anew
 */
@ConfigurationProperties("director.operators")
record OperatorProperties(Path tokensFile, Path auditFile, DataSize auditMaxSize) {

	OperatorProperties {
		auditMaxSize = auditMaxSize == null ? DataSize.ofMegabytes(10) : auditMaxSize;
	}

}
