package edu.tjhsst.director.manager.operation;

import java.util.List;

/** The kinds of change an operation makes, each with the ordered steps it may take (see ActionStep.appliesTo). */
public enum OperationKind {

	CREATE_SITE("Create site", List.of(StepSlugs.BUILD_IMAGE, StepSlugs.APPLY_APPSERVER, StepSlugs.PUBLISH_ROUTE,
			StepSlugs.CHECK_REACHABLE)),

	DELETE_SITE("Delete site", List.of(StepSlugs.UNPUBLISH_ROUTE, StepSlugs.REMOVE_APPSERVER, StepSlugs.DROP_DATABASE,
			StepSlugs.FORGET_SITE)),

	RESTART_PROCESS("Restart process", List.of(StepSlugs.RESTART_PROCESS)),

	UPDATE_ENVIRONMENT("Update environment", List.of(StepSlugs.APPLY_APPSERVER)),

	CHANGE_TYPE("Change type", List.of(StepSlugs.BUILD_IMAGE, StepSlugs.APPLY_APPSERVER, StepSlugs.CHECK_REACHABLE)),

	/** An administrator's change of a site's limits or availability. */
	UPDATE_SETTINGS("Update settings", List.of(StepSlugs.APPLY_APPSERVER, StepSlugs.CHECK_REACHABLE)),

	UPDATE_PACKAGES("Update packages", List.of(StepSlugs.BUILD_IMAGE, StepSlugs.APPLY_APPSERVER,
			StepSlugs.CHECK_REACHABLE)),

	/** Makes the site's database, then gives the site's process its variables. */
	CREATE_DATABASE("Create database", List.of(StepSlugs.CREATE_DATABASE, StepSlugs.APPLY_APPSERVER)),

	/** Sets the database user's new password, then gives the site's process the new variables. */
	REGENERATE_DATABASE_PASSWORD("Regenerate database password", List.of(StepSlugs.SET_DATABASE_PASSWORD,
			StepSlugs.APPLY_APPSERVER)),

	/** Takes the variables away from the site's process first, then drops the database and its user. */
	DELETE_DATABASE("Delete database", List.of(StepSlugs.APPLY_APPSERVER, StepSlugs.DROP_DATABASE)),

	/**
	 * Gives the app server and then the router the site's names after a custom domain became active or stopped being
	 * so: the app server first, so that the router never forwards a name the site's web server does not answer.
	 */
	UPDATE_DOMAINS("Update domains", List.of(StepSlugs.APPLY_APPSERVER, StepSlugs.PUBLISH_ROUTE));

	private final String label;

	private final List<String> steps;

	OperationKind(String label, List<String> steps) {
		this.label = label;
		this.steps = steps;
	}

	public String label() {
		return label;
	}

	List<String> steps() {
		return steps;
	}

	/** Slugs of the steps operations are made of. */
	static final class StepSlugs {

		static final String BUILD_IMAGE = "build_image";
		static final String APPLY_APPSERVER = "apply_appserver";
		static final String PUBLISH_ROUTE = "publish_route";
		static final String CHECK_REACHABLE = "check_reachable";
		static final String UNPUBLISH_ROUTE = "unpublish_route";
		static final String REMOVE_APPSERVER = "remove_appserver";
		static final String FORGET_SITE = "forget_site";
		static final String RESTART_PROCESS = "restart_process";
		static final String CREATE_DATABASE = "create_database";
		static final String SET_DATABASE_PASSWORD = "set_database_password";
		static final String DROP_DATABASE = "drop_database";

		private StepSlugs() {
		}

	}

}
