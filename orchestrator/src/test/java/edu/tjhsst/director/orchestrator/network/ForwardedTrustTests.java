package edu.tjhsst.director.orchestrator.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/**
 * The appserver Nginx believes the client's address and the browser's host, scheme and port (the router's X-Real-IP
 * and X-Forwarded-*) from every address but the site networks' pool, from which SiteSubnet gives every site its own.
 * If the two drifted apart, a site's process could claim any client address to another site.
 */
class ForwardedTrustTests {

	private static final Pattern BELIEVED = Pattern.compile("set_real_ip_from ([0-9.]+/[0-9]+);");

	private static final Pattern FROM_SITE = Pattern.compile("geo \\$realip_remote_addr \\$director_from_site \\{\\s*"
			+ "default 0;\\s*([0-9.]+/[0-9]+) 1;\\s*}");

	private final String config = new AppserverTemplates(new SiteNames(""))
		.mainConfig(AppserverTemplates.MainPaths.inContainer());

	@Test
	void everySiteNetworkIsInThePoolThatIsNeverBelieved() {
		Matcher fromSite = FROM_SITE.matcher(config);
		assertThat(fromSite.find()).as("the geo block naming the site networks").isTrue();
		long[] pool = range(fromSite.group(1));
		for (int i = 0; i < 200; i++) {
			long[] subnet = range(SiteSubnet.free(List.of()).subnet());
			assertThat(subnet[0]).isGreaterThanOrEqualTo(pool[0]);
			assertThat(subnet[1]).isLessThanOrEqualTo(pool[1]);
		}
	}

	@Test
	void everyAddressOutsideThePoolIsBelievedAndNoneInside() {
		Matcher fromSite = FROM_SITE.matcher(config);
		assertThat(fromSite.find()).isTrue();
		List<long[]> ranges = new ArrayList<>();
		Matcher believed = BELIEVED.matcher(config);
		while (believed.find()) {
			ranges.add(range(believed.group(1)));
		}
		assertThat(ranges).isNotEmpty();
		ranges.add(range(fromSite.group(1)));
		ranges.sort(Comparator.comparingLong(r -> r[0]));
		long next = 0;
		for (long[] r : ranges) {
			assertThat(r[0]).as("ranges are disjoint and leave no gap").isEqualTo(next);
			next = r[1] + 1;
		}
		assertThat(next).as("all of IPv4 is covered").isEqualTo(1L << 32);
	}

	/** The first and last address of a CIDR block, as unsigned numbers. */
	private static long[] range(String cidr) {
		String[] parts = cidr.split("/");
		long address = 0;
		for (String octet : parts[0].split("\\.")) {
			address = address << 8 | Long.parseLong(octet);
		}
		int bits = Integer.parseInt(parts[1]);
		long size = 1L << (32 - bits);
		assertThat(address % size).as("%s starts on its boundary", cidr).isZero();
		return new long[] { address, address + size - 1 };
	}

}
