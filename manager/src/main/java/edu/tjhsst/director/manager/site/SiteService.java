package edu.tjhsst.director.manager.site;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.User;

/** Creates and deletes sites, always through an operation. */
@Service
class SiteService {

	private final SiteRepository sites;

	private final Operations operations;

	SiteService(SiteRepository sites, Operations operations) {
		this.sites = sites;
		this.operations = operations;
	}

	/**
	 * Stores the site, makes its creator a member and starts its creation, in one transaction.
	 * @throws NameTakenException when another site has the name
	 */
	@Transactional
	long create(User owner, String name, String description) {
		long id;
		try {
			id = sites.create(name, description, SiteType.STATIC);
		}
		catch (DuplicateKeyException ex) {
			throw new NameTakenException();
		}
		sites.addMember(id, owner.id());
		operations.start(id, OperationKind.CREATE_SITE, owner.id());
		return id;
	}

	@Transactional
	void delete(Site site, User user) {
		operations.start(site.id(), OperationKind.DELETE_SITE, user.id());
	}

	/** Another site already has the name. */
	static class NameTakenException extends RuntimeException {

		NameTakenException() {
			super("That name is taken; choose another.");
		}

	}

}
