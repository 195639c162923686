package edu.tjhsst.director.orchestrator.network;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import edu.tjhsst.director.orchestrator.docker.NetworkInfo;

/**
 * The addresses of one site network: a /24 of {@code 10.128.0.0/9}, from whose lower half Swarm gives its tasks and
 * terminal their addresses, and whose {@code .254} downwards are the appserver Nginx services' (the first service's
 * {@code .254}, the second's {@code .253}, and so on).
 * <p>
 * Why the Nginx's address is reserved: the Nginx's container is a Swarm task, and the engine gives a task's container
 * that is attached with {@code docker network connect} an address of its own choosing, which Swarm's allocator does
 * not know of. Measured here: the next task Swarm started on the network (a site's restart) was given the same address
 * and failed with "Address already in use", and so did the site's terminal container. Outside the range Swarm allocates
 * from, the Nginx's address can never be handed out again. Swarm does not refuse a subnet that overlaps another
 * network's, so a free one is chosen here; its default pool hands out {@code 10.0.0.0/24} upwards and stays clear of
 * this half of {@code 10.0.0.0/8} until some 32,000 networks exist.
 * @param base the subnet's first address, as an int
 */
record SiteSubnet(int base) {

	private static final int POOL = 10 << 24 | 128 << 16;

	private static final int POOL_SUBNETS = 1 << 15;

	/** A /24 of the pool that overlaps none of the existing networks' subnets. */
	static SiteSubnet free(Collection<NetworkInfo> existing) {
		List<int[]> taken = existing.stream()
			.flatMap(network -> network.subnets().stream())
			.map(NetworkInfo.Subnet::subnet)
			.filter(subnet -> subnet != null && subnet.matches("[0-9.]+/[0-9]+"))
			.map(SiteSubnet::range)
			.toList();
		// From a random place, so that sites made at the same time elsewhere seldom pick the same one.
		int start = ThreadLocalRandom.current().nextInt(POOL_SUBNETS);
		for (int step = 0; step < POOL_SUBNETS; step++) {
			SiteSubnet candidate = new SiteSubnet(POOL + ((start + step) % POOL_SUBNETS << 8));
			int first = candidate.base;
			int last = candidate.base + 255;
			if (taken.stream().noneMatch(range -> first <= range[1] && range[0] <= last)) {
				return candidate;
			}
		}
		throw new IllegalStateException("no free /24 is left for a site network in 10.128.0.0/9");
	}

	/**
	 * The address the appserver Nginx service at this index (0 for the first) takes on a site network made with
	 * reserved ones, if it was.
	 */
	static Optional<String> nginxAddress(NetworkInfo network, int appserver) {
		if (appserver < 0 || appserver > 63) {
			throw new IllegalArgumentException("no reserved address for appserver " + appserver);
		}
		return network.subnets().stream()
			.filter(config -> config.ipRange() != null && config.subnet() != null && config.subnet().endsWith("/24"))
			.map(config -> new SiteSubnet(range(config.subnet())[0]).nginx(appserver))
			.findFirst();
	}

	String subnet() {
		return text(base) + "/24";
	}

	/** The lower half, which Swarm allocates from. */
	String ipRange() {
		return text(base) + "/25";
	}

	String nginx(int appserver) {
		return text(base + 254 - appserver);
	}

	/** The first and last address of a subnet in CIDR notation, as ints compared unsigned within 10.0.0.0/8. */
	private static int[] range(String cidr) {
		String[] parts = cidr.split("/");
		int address = 0;
		for (String octet : parts[0].split("\\.")) {
			address = address << 8 | Integer.parseInt(octet);
		}
		int bits = Integer.parseInt(parts[1]);
		long size = 1L << (32 - bits);
		long first = Integer.toUnsignedLong(address) & ~(size - 1);
		// Clamped to the int range: only subnets within 10.0.0.0/8 can overlap the pool, and those fit.
		return new int[] { (int) Math.min(first, Integer.MAX_VALUE), (int) Math.min(first + size - 1, Integer.MAX_VALUE) };
	}

	private static String text(int address) {
		return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
	}

}
