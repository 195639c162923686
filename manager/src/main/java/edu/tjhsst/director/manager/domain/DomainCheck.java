package edu.tjhsst.director.manager.domain;

import java.util.List;

/**
 * What DNS says about a custom domain at one moment: whether its owner has proved holding it (the TXT record of
 * {@code _director-challenge.<domain>} holds the token the platform gave) and whether the domain points at the
 * platform. Every outcome that can be expected is one of these values, a resolver that does not answer included;
 * a check that was proven and no longer is means the record was removed, which the caller flags.
 */
public record DomainCheck(Ownership ownership, Pointing pointing) {

	/** How many values found a check keeps for a page to show. */
	static final int MAX_SHOWN = 5;

	/** Whether the domain's owner has proved holding it. */
	public boolean proven() {
		return ownership instanceof Proven;
	}

	/** The answer about the TXT record. */
	public sealed interface Ownership permits Proven, NoRecord, WrongToken, Unanswered {
	}

	/** The answer about the domain's own A, AAAA and CNAME records. */
	public sealed interface Pointing permits AtPlatform, Elsewhere, Nowhere, NotChecked, Unanswered {
	}

	/** A TXT record holds the token. */
	public record Proven() implements Ownership {
	}

	/** There is no TXT record at all (or no such name). */
	public record NoRecord() implements Ownership {
	}

	/**
	 * There are TXT records, and none holds the token.
	 * @param found at most {@value DomainCheck#MAX_SHOWN} of the values, quoted and cut short as a message may show
	 *        them
	 */
	public record WrongToken(List<String> found) implements Ownership {

		public WrongToken {
			found = List.copyOf(found.subList(0, Math.min(found.size(), MAX_SHOWN)));
		}

	}

	/**
	 * The domain points at the platform.
	 * @param record the record that does it, like "CNAME sites.school.org" or "A 192.0.2.10"
	 */
	public record AtPlatform(String record) implements Pointing {
	}

	/**
	 * The domain has addresses or an alias, and not (only) the platform's.
	 * @param records at most {@value DomainCheck#MAX_SHOWN} of them, like "A 198.51.100.7"
	 */
	public record Elsewhere(List<String> records) implements Pointing {

		public Elsewhere {
			records = List.copyOf(records.subList(0, Math.min(records.size(), MAX_SHOWN)));
		}

	}

	/** The domain has no A, AAAA or CNAME record. */
	public record Nowhere() implements Pointing {
	}

	/** The platform's addresses and CNAME targets are not configured, so there is nothing to compare with. */
	public record NotChecked() implements Pointing {
	}

	/**
	 * The DNS servers gave no answer, so nothing is known.
	 * @param resolver the servers asked, like "192.0.2.53:53"
	 * @param problem what happened, like "did not answer within 9 s" or "could not be reached"
	 */
	public record Unanswered(String resolver, String problem) implements Ownership, Pointing {
	}

}
