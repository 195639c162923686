package edu.tjhsst.director.manager.site;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.manager.operation.ActionStep;
import edu.tjhsst.director.manager.operation.ComponentUnreachableException;
import edu.tjhsst.director.manager.operation.StepFailedException;
import edu.tjhsst.director.manager.remote.ImageBuild;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.runtime.SiteRuntime;
import edu.tjhsst.director.manager.system.DirectorProperties;

/** The steps that create, build, restart and delete a site, each declaring a desired state to a component. */
@Configuration(proxyBeanMethods = false)
class SiteSteps {

	/** The step that builds a site's image; an operation that failed there may be retried with new packages. */
	static final String BUILD_IMAGE = "build_image";

	private static final Duration REACHABLE_WITHIN = Duration.ofSeconds(30);

	private final SiteRepository sites;

	private final SiteSpecs specs;

	private final DirectorProperties.Sites addresses;

	SiteSteps(SiteRepository sites, SiteSpecs specs, DirectorProperties properties) {
		this.sites = sites;
		this.specs = specs;
		this.addresses = properties.sites();
	}

	/**
	 * Has the orchestrator build the site's own image from its runtime's base image, setup commands and the site's
	 * packages, and records it. A failed build leaves the site's image as it was, so the previous one keeps running.
	 */
	@Bean
	ActionStep buildImage(OrchestratorClient orchestrator) {
		LongPredicate hasProcess = siteId -> sites.findById(siteId).map(Site::hasProcess).orElse(false);
		return ActionStep.of(BUILD_IMAGE, "Build the site's image", hasProcess, siteId -> {
			Site site = site(siteId);
			if (!site.hasProcess() || site.runtime() == null) {
				return "The site needs no image of its own.";
			}
			SiteRuntime runtime = specs.runtime(site);
			ImageRecipe recipe = new ImageRecipe(runtime.baseImage(), runtime.setupCommands(), site.packages());
			ImageBuild build;
			try {
				build = orchestrator.buildImage(siteId, recipe);
			}
			catch (ComponentCallException ex) {
				if (ex.unreachable()) {
					throw new ComponentUnreachableException("The app server could not be reached; retry in a moment.");
				}
				throw new StepFailedException(ex.status() == 422
						? ex.getMessage() + " The build log is on the site's Packages page."
						: "The app server refused the build: " + ex.getMessage());
			}
			String image = build.image().equals(recipe.base()) ? null : build.image();
			sites.saveImage(siteId, image);
			if (image == null) {
				return "The site runs the " + runtime.title() + " runtime's own image.";
			}
			return (build.built() ? "Built the image " : "Reused the image ") + image + " with "
					+ (site.packages().isEmpty() ? "no extra packages." : "the packages " + String.join(", ",
							site.packages()) + ".");
		});
	}

	@Bean
	ActionStep applyAppserver(OrchestratorClient orchestrator) {
		return step("apply_appserver", "Set up the site on the app server", siteId -> {
			Site site = site(siteId);
			call("The app server", () -> orchestrator.apply(specs.spec(site)));
			return site.hasProcess() ? "Directories, web server configuration and the site's service are in place."
					: "Directories and web server configuration are in place.";
		});
	}

	@Bean
	ActionStep restartProcess(OrchestratorClient orchestrator) {
		return step("restart_process", "Restart the site's process", siteId -> {
			call("The app server", () -> orchestrator.restart(siteId));
			return "The site's process was asked to restart; its status and log are shown above.";
		});
	}

	@Bean
	ActionStep publishRoute(RouterClient router) {
		return step("publish_route", "Publish the site's address", siteId -> {
			Site site = site(siteId);
			Route route = specs.route(site);
			call("The router", () -> router.publish(route));
			return "The router forwards " + String.join(", ", route.hosts()) + ".";
		});
	}

	@Bean
	ActionStep checkReachable(RouterClient router) {
		return step("check_reachable", "Check that the site answers", siteId -> {
			Site site = site(siteId);
			Instant deadline = Instant.now().plus(REACHABLE_WITHIN);
			int status;
			boolean processDown;
			do {
				RouterClient.FrontPage front = router.front(addresses.host(site.name()));
				status = front.status();
				processDown = front.isProcessDownPage();
				// A site that is not served or disabled must give exactly its answer, not what it gave before.
				if (site.availability() == SiteAvailability.NOT_SERVED) {
					if (status == 404) {
						return "The site is not served: its address answers 404, as if there were no site.";
					}
				}
				else if (site.availability() == SiteAvailability.DISABLED) {
					if (front.isDisabledPage()) {
						return "The site is disabled: its address answers 503 with the \"disabled\" page.";
					}
				}
				else if (status > 0 && status < 500) {
					return "The site answered with HTTP " + status + ".";
				}
				else if (site.isDynamic() && processDown) {
					// The router and the app server answer; only the site's own process does not, which is the
					// owner's to fix (add a run.sh), so the site counts as published.
					return "The site is published; its process is not answering yet (HTTP " + status
							+ " with the \"not running\" page), so add or fix its run.sh and restart it.";
				}
				// A PHP site's php-fpm needs nothing from its owner: wait for it.
				pause();
			}
			while (Instant.now().isBefore(deadline));
			if (site.hasProcess() && processDown) {
				return "The site is published, but its PHP process has not answered within " + REACHABLE_WITHIN.toSeconds()
						+ " seconds (HTTP " + status + " with the \"not running\" page); its log shows why, and Restart"
						+ " starts it again.";
			}
			throw new StepFailedException("The site did not answer through the router within "
					+ REACHABLE_WITHIN.toSeconds() + " seconds (last status: " + (status == 0 ? "no answer" : status)
					+ "). Retry in a moment.");
		});
	}

	@Bean
	ActionStep unpublishRoute(RouterClient router) {
		return step("unpublish_route", "Withdraw the site's address", siteId -> {
			call("The router", () -> router.unpublish(siteId));
			return "The router no longer forwards this site.";
		});
	}

	@Bean
	ActionStep removeAppserver(OrchestratorClient orchestrator) {
		return step("remove_appserver", "Remove the site from the app server", siteId -> {
			call("The app server", () -> orchestrator.remove(siteId));
			return "Configuration and files are removed.";
		});
	}

	@Bean
	ActionStep forgetSite() {
		return step("forget_site", "Remove the site's record", siteId -> {
			sites.delete(siteId);
			return "The site is deleted.";
		});
	}

	private Site site(long siteId) {
		return sites.findById(siteId).orElseThrow(() -> new StepFailedException("The site no longer exists."));
	}

	private static void call(String component, Runnable call) {
		try {
			call.run();
		}
		catch (ComponentCallException ex) {
			if (ex.unreachable()) {
				throw new ComponentUnreachableException(component + " could not be reached; retry in a moment.");
			}
			throw new StepFailedException(component + " refused the change: " + ex.getMessage());
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StepFailedException("Interrupted while waiting for the site to answer.");
		}
	}

	private static ActionStep step(String slug, String title, LongFunction<String> body) {
		return ActionStep.of(slug, title, siteId -> true, body);
	}

}
