/**
 * The operator API ({@code /operator/v1}): operators' own tokens, which only its controllers ({@link OperatorApi})
 * answer, and the record of every call made to it.
 */
package edu.tjhsst.director.orchestrator.operator;
