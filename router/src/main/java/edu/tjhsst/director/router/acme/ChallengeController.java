package edu.tjhsst.director.router.acme;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import edu.tjhsst.director.common.tls.ChallengeAnswer;

/**
 * Publishes and withdraws answers to HTTP-01 challenges for the manager's ACME client. No reload is needed: Nginx
 * serves the files as they are. The token takes the rest of the path, so one with a slash is refused here too.
 */
@RestController
@RequestMapping("/challenges")
class ChallengeController {

	private final ChallengeFiles files;

	ChallengeController(ChallengeFiles files) {
		this.files = files;
	}

	@PutMapping(path = "/{*token}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ChallengeStatus put(@PathVariable String token, @RequestBody ChallengeAnswer answer) {
		String name = requireToken(token);
		if (!name.equals(answer.token())) {
			throw badRequest("the token in the path and in the body differ");
		}
		List<String> problems = answer.problems();
		if (!problems.isEmpty()) {
			throw badRequest(String.join("; ", problems));
		}
		files.publish(answer);
		return new ChallengeStatus(name, "published");
	}

	@DeleteMapping("/{*token}")
	ChallengeStatus delete(@PathVariable String token) {
		String name = requireToken(token);
		files.withdraw(name);
		return new ChallengeStatus(name, "withdrawn");
	}

	private static String requireToken(String path) {
		String token = path.startsWith("/") ? path.substring(1) : path;
		if (!ChallengeAnswer.isToken(token)) {
			throw badRequest("token must be 16 to 128 characters of A-Z a-z 0-9 _ -");
		}
		return token;
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

	/**
	 * What became of a challenge's answer: {@code published} or {@code withdrawn}.
	 * @param token the challenge's token
	 * @param status what the router did
	 */
	record ChallengeStatus(String token, String status) {
	}

}
