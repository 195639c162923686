package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Network;

import org.junit.jupiter.api.Test;

/** A network as docker-java reads the engine's answer, in Director's terms. */
class NetworkInfoTests {

	@Test
	void aNetworksAddressRangesLabelsAndDriverAreRead() throws Exception {
		Network network = new ObjectMapper().readValue("{\"Id\":\"n1\",\"Name\":\"s-42\",\"Driver\":\"overlay\","
				+ "\"Labels\":{\"director.site\":\"42\"},\"IPAM\":{\"Config\":[{\"Subnet\":\"10.128.4.0/24\","
				+ "\"IPRange\":\"10.128.4.0/25\"},{\"Subnet\":\"10.0.9.0/24\"}]}}", Network.class);

		assertThat(NetworkInfo.from(network)).isEqualTo(new NetworkInfo("n1", "s-42", "overlay",
				Map.of("director.site", "42"), List.of(new NetworkInfo.Subnet("10.128.4.0/24", "10.128.4.0/25"),
						new NetworkInfo.Subnet("10.0.9.0/24", null))));
	}

	@Test
	void aNetworkWithoutAddressRangesOrLabelsHasNone() throws Exception {
		Network network = new ObjectMapper().readValue("{\"Id\":\"n2\",\"Name\":\"bridge\",\"Driver\":\"bridge\"}",
				Network.class);

		assertThat(NetworkInfo.from(network)).isEqualTo(new NetworkInfo("n2", "bridge", "bridge", Map.of(), List.of()));
	}

}
