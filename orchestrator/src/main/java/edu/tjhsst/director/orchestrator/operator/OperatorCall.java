package edu.tjhsst.director.orchestrator.operator;

import java.time.Instant;

/**
 * One call to the operator API, as its record keeps it.
 * @param at when it came
 * @param operator whose token it carried, or null when it carried none that counts (refused with 401)
 * @param from the address it came from
 * @param method its HTTP method
 * @param path its path and query
 * @param status the status it was answered with
 * @param millis how long it took
 */
record OperatorCall(Instant at, String operator, String from, String method, String path, int status, long millis) {
}
