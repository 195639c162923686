package edu.tjhsst.director.manager.domain;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.system.DirectorProperties;

/**
 * The DNS records a custom domain needs, as its "Domains" page and the API list them: where the name points (a
 * configured alias, else the platform's addresses, else the site's own name, which already leads to the platform)
 * and the TXT record that proves it is the site owner's.
 */
@Component
public class DnsRecords {

	/** One record to create: {@code type} is CNAME, A, AAAA or TXT. */
	public record DnsRecord(String name, String type, String value) {
	}

	private final DomainProperties dns;

	private final DirectorProperties.Sites addresses;

	@Autowired
	DnsRecords(DomainProperties dns, DirectorProperties properties) {
		this(dns, properties.sites());
	}

	DnsRecords(DomainProperties dns, DirectorProperties.Sites addresses) {
		this.dns = dns;
		this.addresses = addresses;
	}

	public List<DnsRecord> of(Site site, SiteDomain domain) {
		List<DnsRecord> records = new ArrayList<>();
		if (!dns.cnameTargets().isEmpty()) {
			records.add(new DnsRecord(domain.name(), "CNAME", dns.cnameTargets().get(0)));
		}
		else if (dns.addresses().isEmpty()) {
			records.add(new DnsRecord(domain.name(), "CNAME", addresses.host(site.name())));
		}
		else {
			for (String address : dns.addresses()) {
				records.add(new DnsRecord(domain.name(), address.contains(":") ? "AAAA" : "A", address));
			}
		}
		records.add(new DnsRecord(domain.challengeName(), "TXT", domain.token()));
		return records;
	}

}
