package edu.tjhsst.director.orchestrator.docker;

import java.util.function.Supplier;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

/** The engine answered a request with an error; the message is the engine's (docker-java's, as it reported it). */
public class DockerRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DockerRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

	/** Makes a call, whose failure reaches the caller {@link #translate translated}. */
	static <T> T translating(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	/** The engine's refusal in the gateways' terms, or the failure as it is when it was not the engine's answer. */
	static RuntimeException translate(RuntimeException ex) {
		if (ex instanceof NotFoundException) {
			return new DockerNotFoundException(ex.getMessage(), ex);
		}
		if (ex instanceof DockerException) {
			return new DockerRefusedException(ex.getMessage(), ex);
		}
		return ex;
	}

}
