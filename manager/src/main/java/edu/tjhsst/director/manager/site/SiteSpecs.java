package edu.tjhsst.director.manager.site;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.database.SiteDatabase;
import edu.tjhsst.director.manager.database.SiteDatabaseRepository;
import edu.tjhsst.director.manager.domain.SiteDomainRepository;
import edu.tjhsst.director.manager.operation.StepFailedException;
import edu.tjhsst.director.manager.runtime.RuntimeRepository;
import edu.tjhsst.director.manager.runtime.SiteRuntime;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * What a site should look like to the app server and to the router, from what the manager stores: the one place both
 * the operations' steps and the reconciler take it from.
 */
@Component
public class SiteSpecs {

	private final DirectorProperties.Sites addresses;

	private final EnvironmentRepository environment;

	private final RuntimeRepository runtimes;

	private final SiteDatabaseRepository databases;

	private final DatabaseHostRepository databaseHosts;

	private final SiteDomainRepository domains;

	SiteSpecs(EnvironmentRepository environment, RuntimeRepository runtimes, SiteDatabaseRepository databases,
			DatabaseHostRepository databaseHosts, SiteDomainRepository domains, DirectorProperties properties) {
		this.environment = environment;
		this.runtimes = runtimes;
		this.databases = databases;
		this.databaseHosts = databaseHosts;
		this.domains = domains;
		this.addresses = properties.sites();
	}

	/**
	 * The whole desired state of the site on the app server.
	 * @throws StepFailedException when the site's runtime or database server is no longer registered
	 */
	public SiteSpec spec(Site site) {
		String runtime = site.hasProcess() ? site.runtime() : null;
		String image = null;
		if (site.hasProcess() && runtime != null) {
			image = site.image() != null ? site.image() : runtime(site).baseImage();
		}
		return new SiteSpec(site.id(), site.name(), site.type(), hosts(site), runtime, image,
				environment.asMap(site.id()), site.runningLimits(), site.availability(), addresses.url(site.name()),
				database(site.id()));
	}

	/** The router's route to the site: its own name, then the custom domains it answers on (only active ones). */
	public Route route(Site site) {
		return new Route(site.id(), hosts(site));
	}

	/**
	 * The site's runtime as administrators registered it.
	 * @throws StepFailedException when it no longer exists
	 */
	SiteRuntime runtime(Site site) {
		return runtimes.findByName(site.runtime()).orElseThrow(() -> new StepFailedException(
				"The site's runtime " + site.runtime() + " no longer exists; choose another with Change type."));
	}

	private List<String> hosts(Site site) {
		List<String> hosts = new ArrayList<>();
		hosts.add(addresses.host(site.name()));
		hosts.addAll(domains.activeNames(site.id()));
		return hosts;
	}

	/**
	 * How the site reaches its database, or null: only a READY one is given to the site, so that a database being
	 * created is not used before it exists and one being deleted loses its variables before it is dropped.
	 */
	private DatabaseAccess database(long siteId) {
		return databases.findBySite(siteId)
			.filter(database -> database.status() == SiteDatabase.Status.READY)
			.map(database -> database.access(databaseHosts.findById(database.hostId())
				.orElseThrow(() -> new StepFailedException("The site's database server is no longer registered."))))
			.orElse(null);
	}

}
