package edu.tjhsst.director.orchestrator.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.nginx.ConfigChange;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.appserver.NginxReloads;
import edu.tjhsst.director.orchestrator.disk.NoSuchSiteException;
import edu.tjhsst.director.orchestrator.image.SiteImages;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;
import edu.tjhsst.director.orchestrator.service.SiteServices;
import edu.tjhsst.director.orchestrator.terminal.TerminalContainers;

/**
 * Converges one site: its Nginx file is asked for first (it goes live with the app server's next test and reload,
 * and a file Nginx refuses changes nothing there); then its directories; then its process's service (created for a
 * dynamic site, removed otherwise, but only once Nginx took the file that serves the site without it); then it waits
 * for the reload that makes the file live. Repeating a spec changes nothing.
 */
@Service
class SiteConverger {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

	private final NginxConfigDirectory configs;

	private final AppserverTemplates templates;

	private final SiteFiles files;

	private final SiteServices services;

	private final SiteImages images;

	private final TerminalContainers terminals;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	private final AppliedSpecs applied;

	private final SpecProblems checks;

	private final MeterRegistry registry;

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	SiteConverger(NginxConfigDirectory configs, AppserverTemplates templates, SiteFiles files, SiteServices services,
			SiteImages images, TerminalContainers terminals, SiteAccounts accounts, SiteNetworks networks,
			AppliedSpecs applied, SpecProblems checks, MeterRegistry registry) {
		this.applied = applied;
		this.checks = checks;
		this.registry = registry;
		this.configs = configs;
		this.templates = templates;
		this.files = files;
		this.services = services;
		this.images = images;
		this.terminals = terminals;
		this.accounts = accounts;
		this.networks = networks;
	}

	/**
	 * Makes the site look like its spec.
	 * @return what differed and was put right, each as a sentence
	 * @throws edu.tjhsst.director.common.nginx.NginxRejectedException when Nginx refuses the site's file
	 */
	List<String> apply(SiteSpec spec) {
		return apply(spec, DockerListing.UNLISTED);
	}

	/** {@link #apply(SiteSpec)}, asking Docker to remove only what its listing shows may be there. */
	List<String> apply(SiteSpec spec, DockerListing listed) {
		synchronized (lock(spec.id())) {
			// Kept first: were converging to fail half way, an operator's converge goes on to this spec, the newest
			// the manager asked for, not an older one.
			applied.save(spec);
			return timed(spec, listed);
		}
	}

	/**
	 * Converges the site again to its applied spec, as read under the site's lock: a deletion, retirement or newer
	 * spec that came first is never undone by an older spec read before it.
	 * @throws NoSuchSiteException when the site has no applied spec here (deleted, or never sent since the orchestrator
	 *         began keeping them)
	 * @throws RejectedInputException when the spec can no longer be applied here (its runtime image has gone)
	 */
	List<String> reapply(long id, DockerListing listed) {
		synchronized (lock(id)) {
			SiteSpec spec = applied.find(id).orElseThrow(() -> new NoSuchSiteException("site " + id
					+ " has no applied spec on this app server; the manager's next reconciliation sends it"));
			List<String> problems = checks.of(spec);
			if (!problems.isEmpty()) {
				throw new RejectedInputException(String.join("; ", problems));
			}
			return timed(spec, listed);
		}
	}

	/** The ids of the sites with an applied spec here. */
	List<Long> appliedIds() {
		return applied.ids();
	}

	private List<String> timed(SiteSpec spec, DockerListing listed) {
		Timer.Sample sample = Timer.start(registry);
		String result = "failed";
		try {
			List<String> changes = converge(spec, listed);
			result = changes.isEmpty() ? "unchanged" : "changed";
			return changes;
		}
		finally {
			// How long converging takes, and how often a site had drifted (changed) or could not be put right.
			sample.stop(Timer.builder("director.site.converges").tag("result", result).register(registry));
		}
	}

	private List<String> converge(SiteSpec spec, DockerListing listed) {
		List<String> changes = new ArrayList<>();
		String fileName = AppserverTemplates.siteFileName(spec);
		String config = templates.site(spec);
		ConfigChange configChange = configs.changeFor(fileName, config);
		// The file of the site's previous type goes with the reload that makes the new one live, and stays if Nginx
		// refuses the new one.
		CompletableFuture<Void> reloaded = configs.apply(fileName, config,
				AppserverTemplates.siteFileNames(spec.id()));
		Optional.ofNullable(configChange.sentence("The site's web server configuration on the app server"))
			.ifPresent(changes::add);
		boolean madeNow = !files.hasFolder(spec.id());
		changes.addAll(files.ensure(spec));
		if (!files.ownedBySite(spec.id())) {
			// The site's files are about to move to its own user (a new site, or one from when every site shared uid
			// 1000): a process or terminal still running as the old uid stops first, so that nothing writes files as
			// it behind the walk. A dynamic site is down for those seconds, once.
			if (listed.mayHaveService(spec.id())) {
				services.remove(spec.id());
			}
			if (listed.mayHaveTerminal(spec.id())) {
				terminals.remove(spec.id());
			}
		}
		// Every site's folders belong to the user its process and its shells run as, whatever its type, so that a
		// change of type or a terminal finds them writable.
		files.handOver(spec.id(), madeNow);
		if (!spec.type().hasProcess()) {
			// A process that goes goes after Nginx took the file that serves the site without it.
			NginxReloads.await(reloaded, RELOAD_TIMEOUT);
		}
		if (spec.type().hasProcess() || listed.mayHaveService(spec.id())) {
			Optional.ofNullable(services.apply(spec).sentence()).ifPresent(changes::add);
		}
		NginxReloads.await(reloaded, RELOAD_TIMEOUT);
		return changes;
	}

	/**
	 * Removes the site's file and, once Nginx no longer serves it and its process and terminal container have
	 * stopped, its own network, images, directory and account files; nothing to do if it is gone.
	 */
	void delete(long id) {
		synchronized (lock(id)) {
			applied.remove(id);
			AppserverTemplates.siteFileNames(id).stream().map(configs::remove).toList()
				.forEach(reloaded -> NginxReloads.await(reloaded, RELOAD_TIMEOUT));
			services.remove(id);
			terminals.remove(id);
			networks.remove(id);
			images.removeAll(id);
			files.delete(id);
			accounts.remove(id);
		}
	}

	/** The sites this app server serves something of: a web server file or a service. */
	Set<Long> present() {
		Set<Long> ids = new TreeSet<>(services.ids());
		configs.fileNames().stream().map(AppserverTemplates::siteOfFile).flatMap(Optional::stream).forEach(ids::add);
		return ids;
	}

	/**
	 * Stops serving a site the manager no longer knows: its web server file, process, terminal container and network
	 * go, and its folder is set aside under a name no site has. Its files are never removed but by the site's own
	 * deletion, so that a manager that lost a site by mistake (an old backup restored) cannot take them with it; set
	 * aside, they cannot be handed to a new site that gets the same id either.
	 * @return what was done, each as a sentence
	 */
	List<String> retire(long id) {
		synchronized (lock(id)) {
			applied.remove(id);
			List<String> changes = new ArrayList<>();
			List<String> live = AppserverTemplates.siteFileNames(id).stream()
				.filter(fileName -> configs.read(fileName).isPresent()).toList();
			live.stream().map(configs::remove).toList()
				.forEach(reloaded -> NginxReloads.await(reloaded, RELOAD_TIMEOUT));
			if (!live.isEmpty()) {
				changes.add("The web server configuration of site " + id + ", which no longer exists, was removed.");
			}
			if (services.remove(id)) {
				changes.add("The service of site " + id + ", which no longer exists, was removed.");
			}
			terminals.remove(id);
			networks.remove(id);
			files.setAside(id).ifPresent(name -> changes.add("The files of site " + id + " were set aside as sites/"
					+ name + "; an administrator may restore or remove them."));
			return changes;
		}
	}

	/**
	 * One site's changes, one at a time: a call the manager stopped waiting for may still run, and the next must not
	 * overtake it with a newer spec that the older one would then undo.
	 */
	private Object lock(long id) {
		return locks.computeIfAbsent(id, key -> new Object());
	}

}
