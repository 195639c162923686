package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.Route;

/** Publishes site host names on the router, and asks the router's front door whether a site answers. */
public class RouterClient {

	private final SignedClient client;

	private final URI front;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	RouterClient(SignedClient client, URI front) {
		this.client = client;
		this.front = front;
	}

	public void publish(Route route) {
		client.put("/routes/" + route.siteId(), route);
	}

	public void unpublish(long siteId) {
		client.delete("/routes/" + siteId);
	}

	/** The HTTP status a GET of the site's front page gets through the router, or 0 when unreachable. */
	public int status(String host) {
		HttpRequest request = HttpRequest.newBuilder(front.resolve("/")).header("Host", host)
			.timeout(Duration.ofSeconds(5)).GET().build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

}
