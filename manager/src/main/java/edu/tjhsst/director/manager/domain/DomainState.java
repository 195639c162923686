package edu.tjhsst.director.manager.domain;

/** Where a custom domain is on its way to being served: proof in DNS, then an administrator's approval if asked. */
public enum DomainState {

	WAITING_FOR_PROOF("Waiting for the DNS proof"),

	WAITING_FOR_APPROVAL("Waiting for an administrator's approval"),

	/** The only state in which the site answers on the domain. */
	ACTIVE("Active"),

	REJECTED("Rejected");

	private final String label;

	DomainState(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
