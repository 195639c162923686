package edu.tjhsst.director.manager.site;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import edu.tjhsst.director.manager.operation.OperationJson;
import edu.tjhsst.director.manager.operation.Operations;

/**
 * An operation started for a site through the API, as the answer says it.
 * @param operation where it stands, or null when it has finished already and taken its site with it (a deletion)
 */
public record Started(long siteId, long operationId, OperationJson operation) {

	/**
	 * The answer: {@code 201} with the new site's address, or {@code 202} with the operation's to follow. The operation
	 * is looked up after the commit: it may have run already, and a deletion removes it with its site.
	 */
	public static ResponseEntity<Started> answer(Operations operations, long siteId, long operationId, HttpStatus status) {
		OperationJson operation = operations.find(operationId).map(OperationJson::of).orElse(null);
		String location = status == HttpStatus.CREATED ? "/api/v1/sites/" + siteId : "/api/v1/operations/" + operationId;
		return ResponseEntity.status(status).location(URI.create(location))
			.body(new Started(siteId, operationId, operation));
	}

}
