package edu.tjhsst.director.orchestrator.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Network;

/**
 * A network as the engine reports it, in Director's terms.
 * @param id its id
 * @param name its name
 * @param driver its driver, such as {@code overlay}
 * @param labels its labels, empty when it has none
 * @param subnets the address ranges it was made with, empty when the engine chose them
 */
public record NetworkInfo(String id, String name, String driver, Map<String, String> labels, List<Subnet> subnets) {

	/**
	 * One address range of a network.
	 * @param subnet the subnet in CIDR notation, such as {@code 10.128.4.0/24}, or null
	 * @param ipRange the part of it containers are given addresses from, or null for all of it
	 */
	public record Subnet(String subnet, String ipRange) {
	}

	static NetworkInfo from(Network network) {
		List<Subnet> subnets = network.getIpam() == null || network.getIpam().getConfig() == null ? List.of()
				: network.getIpam().getConfig().stream()
					.map(config -> new Subnet(config.getSubnet(), config.getIpRange()))
					.toList();
		return new NetworkInfo(network.getId(), network.getName(), network.getDriver(),
				network.getLabels() == null ? Map.of() : Map.copyOf(network.getLabels()), subnets);
	}

}
