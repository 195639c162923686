package edu.tjhsst.director.orchestrator.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.NetworkInfo;

/** Choosing a site network's subnet and the Nginx's reserved address in it. */
class SiteSubnetTests {

	@Test
	void aFreeSubnetIsA24OfTheUpperHalfOfTenThatOverlapsNoExistingNetwork() {
		List<NetworkInfo> existing = new ArrayList<>();
		existing.add(network("172.17.0.0/16", null));
		// Everything of 10.128.0.0/9 but one /24 is taken by a few big networks.
		existing.add(network("10.128.0.0/10", null));
		existing.add(network("10.192.0.0/11", null));
		existing.add(network("10.224.0.0/12", null));
		existing.add(network("10.240.0.0/13", null));
		existing.add(network("10.248.0.0/14", null));
		existing.add(network("10.252.0.0/15", null));
		existing.add(network("10.254.0.0/16", null));
		existing.add(network("10.255.0.0/17", null));
		existing.add(network("10.255.128.0/18", null));
		existing.add(network("10.255.192.0/19", null));
		existing.add(network("10.255.224.0/20", null));
		existing.add(network("10.255.240.0/21", null));
		existing.add(network("10.255.248.0/22", null));
		existing.add(network("10.255.252.0/23", null));
		existing.add(network("10.255.254.0/24", null));
		assertThat(SiteSubnet.free(existing).subnet()).isEqualTo("10.255.255.0/24");
		existing.add(network("10.255.255.0/24", null));
		assertThatThrownBy(() -> SiteSubnet.free(existing)).hasMessageContaining("no free /24");
	}

	@Test
	void theNginxTakesDot254OutsideTheHalfSwarmAllocatesFrom() {
		SiteSubnet subnet = SiteSubnet.free(List.of());
		assertThat(subnet.subnet()).matches("10\\.(1[2-9][0-9]|2[0-5][0-9])\\.[0-9]+\\.0/24");
		assertThat(subnet.ipRange()).isEqualTo(subnet.subnet().replace("/24", "/25"));
		assertThat(subnet.nginx(0)).isEqualTo(subnet.subnet().replace(".0/24", ".254"));
		assertThat(subnet.nginx(1)).as("the second appserver's").isEqualTo(subnet.subnet().replace(".0/24", ".253"));
		assertThat(SiteSubnet.nginxAddress(network(subnet.subnet(), subnet.ipRange()), 0)).contains(subnet.nginx(0));
		assertThat(SiteSubnet.nginxAddress(network(subnet.subnet(), subnet.ipRange()), 1)).contains(subnet.nginx(1));
		assertThat(SiteSubnet.nginxAddress(network("10.0.7.0/24", null), 0)).as("a network without a reserved address")
			.isEmpty();
	}

	private static NetworkInfo network(String subnet, String ipRange) {
		return new NetworkInfo("id", "name", "overlay", Map.of(), List.of(new NetworkInfo.Subnet(subnet, ipRange)));
	}

}
