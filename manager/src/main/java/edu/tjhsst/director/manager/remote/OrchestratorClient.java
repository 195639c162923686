package edu.tjhsst.director.manager.remote;

import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.SiteSpec;

/** Tells the orchestrator what a site should look like on the app server. */
public class OrchestratorClient {

	private final SignedClient client;

	OrchestratorClient(SignedClient client) {
		this.client = client;
	}

	/** Converges the app server to the spec; safe to repeat. */
	public void apply(SiteSpec spec) {
		client.put("/sites/" + spec.id(), spec);
	}

	/** Removes the site's config, service and files; safe to repeat. */
	public void remove(long siteId) {
		client.delete("/sites/" + siteId);
	}

}
