package edu.tjhsst.director.manager.site;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.SiteLockedException;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.user.User;

/**
 * Creates, restarts and deletes sites and changes their type, environment, packages and settings, always through an
 * operation. A disabled site is changed by administrators only.
 */
@Service
public class SiteService {

	private final SiteRepository sites;

	private final Operations operations;

	private final EnvironmentRepository environment;

	private final SiteAllowance allowance;

	SiteService(SiteRepository sites, Operations operations, EnvironmentRepository environment,
			SiteAllowance allowance) {
		this.sites = sites;
		this.operations = operations;
		this.environment = environment;
		this.allowance = allowance;
	}

	/**
	 * Stores the site, makes its creator a member and starts its creation, in one transaction.
	 * @throws NameTakenException when another site has the name
	 * @throws SiteAllowance.SiteLimitException when the creator has as many sites as they may; nothing is stored
	 */
	@Transactional
	public long create(User owner, String name, String description, SiteType type, String runtime) {
		allowance.requireRoomForOneMore(owner);
		long id;
		try {
			// A PHP site always runs in PHP's runtime, whatever the form sent.
			String stored = switch (type) {
				case STATIC -> null;
				case PHP -> Site.PHP_RUNTIME;
				case DYNAMIC -> runtime;
			};
			id = sites.create(name, description, type, stored);
		}
		catch (DuplicateKeyException ex) {
			throw new NameTakenException();
		}
		sites.addMember(id, owner.id());
		operations.start(id, OperationKind.CREATE_SITE, owner.id());
		return id;
	}

	/** Starts a restart of a dynamic site's process; returns the operation's id. */
	@Transactional
	public long restart(Site site, User user) {
		requireChangeable(site, user);
		return operations.start(site.id(), OperationKind.RESTART_PROCESS, user.id());
	}

	/**
	 * Stores the variable and starts applying the environment, in one transaction.
	 * @return the operation that applies it
	 * @throws SiteLockedException when another operation is open, and then nothing is stored
	 */
	@Transactional
	long saveVariable(Site site, User user, EnvironmentVariable variable) {
		requireChangeable(site, user);
		environment.save(site.id(), variable);
		return operations.start(site.id(), OperationKind.UPDATE_ENVIRONMENT, user.id());
	}

	/**
	 * Removes the variable and starts applying the environment, in one transaction.
	 * @return the operation that applies it, or empty when the site had no such variable
	 * @throws SiteLockedException when another operation is open, and then nothing is removed
	 */
	@Transactional
	Optional<Long> deleteVariable(Site site, User user, String name) {
		requireChangeable(site, user);
		if (environment.delete(site.id(), name)) {
			return Optional.of(operations.start(site.id(), OperationKind.UPDATE_ENVIRONMENT, user.id()));
		}
		return Optional.empty();
	}

	/**
	 * Stores the new type and runtime and starts applying them, in one transaction.
	 * @return the operation that applies them
	 * @throws SiteLockedException when another operation is open, and then nothing is changed
	 */
	@Transactional
	long changeType(Site site, User user, SiteType type, String runtime) {
		requireChangeable(site, user);
		sites.changeType(site.id(), type, runtime);
		return operations.start(site.id(), OperationKind.CHANGE_TYPE, user.id());
	}

	/**
	 * Stores the site's extra packages and starts building its image with them, in one transaction. When the site's
	 * last operation failed at building its image, that operation is retried with the new list instead: a failed
	 * build is the owner's to fix, and nothing after the build step ran.
	 * @param packages names that passed {@link edu.tjhsst.director.common.image.PackageNames#problems}
	 * @throws SiteDisabledException when an administrator disabled the site and the user is not one
	 * @throws SiteLockedException when another operation is open, and then nothing is stored
	 */
	@Transactional
	void updatePackages(Site site, User user, List<String> packages) {
		requireChangeable(site, user);
		Optional<Operation> failedBuild = operations.latest(site.id())
			.filter(operation -> operation.status() == Status.FAILED && operation.failedAction() != null
					&& operation.failedAction().slug().equals(SiteSteps.BUILD_IMAGE));
		sites.savePackages(site.id(), packages);
		if (failedBuild.isPresent()) {
			operations.retry(site.id(), failedBuild.get().id());
		}
		else {
			operations.start(site.id(), OperationKind.UPDATE_PACKAGES, user.id());
		}
	}

	/**
	 * Stores the CPU share and PHP workers a site's owner chose within its limits and starts applying them, in one
	 * transaction.
	 * @throws SiteLockedException when another operation is open, and then nothing is stored
	 */
	@Transactional
	void updateResources(Site site, User user, SiteResources resources) {
		requireChangeable(site, user);
		sites.updateResources(site.id(), resources);
		operations.start(site.id(), OperationKind.UPDATE_SETTINGS, user.id());
	}

	@Transactional
	public long delete(Site site, User user) {
		requireChangeable(site, user);
		return operations.start(site.id(), OperationKind.DELETE_SITE, user.id());
	}

	/**
	 * Stores an administrator's limits and availability and starts applying them, in one transaction.
	 * @throws SiteLockedException when another operation is open, and then nothing is stored
	 */
	@Transactional
	public void updateSettings(Site site, User admin, SiteSettings settings) {
		if (!admin.isAdmin()) {
			// /admin/** is for administrators already; this guards the service against another caller.
			throw new AccessDeniedException("only administrators change a site's limits and availability");
		}
		sites.updateSettings(site.id(), settings);
		operations.start(site.id(), OperationKind.UPDATE_SETTINGS, admin.id());
	}

	/**
	 * The one rule for a disabled site: whether the user, who may see the site, may also change it (its files,
	 * settings, database and terminal); a site an administrator disabled is changed by administrators only.
	 */
	public static boolean changeable(Site site, User user) {
		return !site.isDisabled() || user.isAdmin();
	}

	/** Refuses a change by someone other than an administrator to a site an administrator disabled. */
	public static void requireChangeable(Site site, User user) {
		if (!changeable(site, user)) {
			throw new SiteDisabledException();
		}
	}

	/** Another site already has the name. */
	static class NameTakenException extends RuntimeException {

		static final String MESSAGE = "That name is taken; choose another.";

		NameTakenException() {
			super(MESSAGE);
		}

	}

}
