package edu.tjhsst.director.manager.domain;

import edu.tjhsst.director.manager.domain.DomainCheck.AtPlatform;
import edu.tjhsst.director.manager.domain.DomainCheck.Elsewhere;
import edu.tjhsst.director.manager.domain.DomainCheck.Nowhere;
import edu.tjhsst.director.manager.domain.DomainCheck.Proven;
import edu.tjhsst.director.manager.domain.DomainCheck.Unanswered;
import edu.tjhsst.director.manager.domain.DomainCheck.WrongToken;

/** Says what a DNS check found, in sentences for the site's owner, with what to do next where there is something. */
final class CheckSentences {

	private CheckSentences() {
	}

	static String of(String challengeName, DomainCheck check) {
		if (check.ownership() instanceof Unanswered unanswered) {
			return "The DNS server " + unanswered.resolver() + " " + unanswered.problem() + ", so nothing is known yet;"
					+ " check again in a moment.";
		}
		return ownership(challengeName, check.ownership()) + pointing(check.pointing());
	}

	private static String ownership(String challengeName, DomainCheck.Ownership ownership) {
		if (ownership instanceof Proven) {
			return "The TXT record of " + challengeName + " holds the token: ownership is proven.";
		}
		if (ownership instanceof WrongToken wrong) {
			return "The TXT record of " + challengeName + " does not hold the token (found: "
					+ String.join(", ", wrong.found()) + ").";
		}
		return "There is no TXT record of " + challengeName + " yet; add it (DNS changes can take a while to be seen)"
				+ " and check again.";
	}

	private static String pointing(DomainCheck.Pointing pointing) {
		if (pointing instanceof AtPlatform at) {
			return " The domain points at the platform (" + at.record() + ").";
		}
		if (pointing instanceof Elsewhere elsewhere) {
			return " The domain does not point at the platform yet (" + String.join(", ", elsewhere.records()) + ").";
		}
		if (pointing instanceof Nowhere) {
			return " The domain has no A, AAAA or CNAME record yet.";
		}
		if (pointing instanceof Unanswered unanswered) {
			return " Where the domain points is not known: the DNS server " + unanswered.problem() + ".";
		}
		// NotChecked: the platform's addresses are not configured, so there is nothing to say.
		return "";
	}

}
