package edu.tjhsst.director.manager.domain;

import static edu.tjhsst.director.common.text.Quoting.quote;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.domain.CustomDomain;
import edu.tjhsst.director.manager.domain.DnsLookup.Answer;
import edu.tjhsst.director.manager.domain.DnsLookup.Failed;
import edu.tjhsst.director.manager.domain.DnsLookup.Records;
import edu.tjhsst.director.manager.domain.DomainCheck.AtPlatform;
import edu.tjhsst.director.manager.domain.DomainCheck.Elsewhere;
import edu.tjhsst.director.manager.domain.DomainCheck.NoRecord;
import edu.tjhsst.director.manager.domain.DomainCheck.NotChecked;
import edu.tjhsst.director.manager.domain.DomainCheck.Nowhere;
import edu.tjhsst.director.manager.domain.DomainCheck.Ownership;
import edu.tjhsst.director.manager.domain.DomainCheck.Pointing;
import edu.tjhsst.director.manager.domain.DomainCheck.Proven;
import edu.tjhsst.director.manager.domain.DomainCheck.Unanswered;
import edu.tjhsst.director.manager.domain.DomainCheck.WrongToken;

/**
 * Checks in DNS, now, that a site's owner holds a custom domain: a TXT record of {@code _director-challenge.<domain>}
 * must hold the token the platform gave them, which only someone who controls the domain's DNS can put there. It
 * also says whether the domain points at the platform: a CNAME to one of the configured targets, or A and AAAA
 * records naming only the platform's addresses. Nothing is remembered between checks, so a later check of a domain
 * whose record was removed is not proven.
 */
@Component
public class DomainOwnership {

	/** The label under a domain whose TXT record proves holding it. */
	public static final String CHALLENGE_LABEL = "_director-challenge";

	private final DnsLookup dns;

	private final Set<InetAddress> addresses;

	private final Set<String> targets;

	DomainOwnership(DnsLookup dns, DomainProperties properties) {
		this.dns = dns;
		this.addresses = properties.platformAddresses();
		this.targets = properties.platformTargets();
	}

	/** The name whose TXT record must hold the token, like {@code _director-challenge.www.example.org}. */
	public static String challengeName(CustomDomain domain) {
		return CHALLENGE_LABEL + "." + domain.name();
	}

	/**
	 * What DNS says about the domain now. When the servers do not answer the TXT question, the other questions are
	 * not asked, so a check without answers takes no longer than one question may.
	 */
	public DomainCheck check(CustomDomain domain, String token) {
		Answer txt = dns.lookup(challengeName(domain), "TXT");
		if (txt instanceof Failed failed) {
			Unanswered unanswered = unanswered(failed);
			return new DomainCheck(unanswered, unanswered);
		}
		return new DomainCheck(ownership(((Records) txt).values(), token), pointing(domain));
	}

	private static Ownership ownership(List<String> values, String token) {
		if (values.isEmpty()) {
			return new NoRecord();
		}
		List<String> found = new ArrayList<>();
		for (String value : values) {
			// Spaces around a value are a slip of copying and pasting, not part of the token.
			String text = unquoted(value.strip()).strip();
			if (text.equals(token)) {
				return new Proven();
			}
			found.add(quote(text));
		}
		return new WrongToken(found);
	}

	/** JNDI puts a TXT value with spaces in double quotes, as zone files write it. */
	private static String unquoted(String value) {
		boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	private Pointing pointing(CustomDomain domain) {
		if (addresses.isEmpty() && targets.isEmpty()) {
			return new NotChecked();
		}
		List<String> found = new ArrayList<>();
		boolean onlyPlatformAddresses = true;
		for (String type : List.of("CNAME", "A", "AAAA")) {
			Answer answer = dns.lookup(domain.name(), type);
			if (answer instanceof Failed failed) {
				return unanswered(failed);
			}
			for (String value : ((Records) answer).values()) {
				String record = type + " " + DomainProperties.hostName(value);
				if (type.equals("CNAME") && targets.contains(DomainProperties.hostName(value))) {
					return new AtPlatform(record);
				}
				if (!type.equals("CNAME")) {
					onlyPlatformAddresses &= IpLiteral.parse(value).map(addresses::contains).orElse(false);
				}
				found.add(record);
			}
		}
		if (found.isEmpty()) {
			return new Nowhere();
		}
		boolean anyAddress = found.stream().anyMatch(record -> !record.startsWith("CNAME "));
		// Any address of someone else's would send some visitors, and the certificate authority, elsewhere.
		return anyAddress && onlyPlatformAddresses ? new AtPlatform(firstAddress(found)) : new Elsewhere(found);
	}

	private static String firstAddress(List<String> records) {
		return records.stream().filter(record -> !record.startsWith("CNAME ")).findFirst().orElseThrow();
	}

	private Unanswered unanswered(Failed failed) {
		return new Unanswered(dns.servers(), failed.problem());
	}

}
