package edu.tjhsst.director.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * The signature filter's body limit always leaves room for the largest file upload; the shell server is a caller
 * only when its key is set, and only of the terminal path.
 */
class SigningConfigurationTests {

	private static final String KEY = "orchestrator-test-key-0123456789abcdefghijkl";

	private static OrchestratorProperties properties(DataSize maxRequestBody, DataSize maxUpload) {
		return properties(maxRequestBody, maxUpload, "");
	}

	private static OrchestratorProperties properties(DataSize maxRequestBody, DataSize maxUpload, String shellKey) {
		return properties(maxRequestBody, maxUpload, shellKey, "/data/secrets/shell.key");
	}

	private static OrchestratorProperties properties(DataSize maxRequestBody, DataSize maxUpload, String shellKey,
			String shellKeyFile) {
		return new OrchestratorProperties(Path.of("/data"), KEY, "", "unix:///var/run/docker.sock",
				new OrchestratorProperties.Appserver(false, "s", "n", "i", List.of(8081), Duration.ZERO, Duration.ZERO,
						Duration.ZERO, List.of()),
				maxRequestBody, new OrchestratorProperties.Files(DataSize.ofMegabytes(5), DataSize.ofMegabytes(512),
						maxUpload, DataSize.ofMegabytes(256)), shellKey, shellKeyFile,
				new OrchestratorProperties.Terminal(Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofSeconds(20)),
				null);
	}

	@Test
	void theConfiguredLimitIsUsedWhenItIsLargeEnough() {
		assertThat(SigningConfiguration.maxBodyBytes(properties(DataSize.ofMegabytes(17), DataSize.ofMegabytes(16))))
			.isEqualTo(17 * 1024 * 1024);
	}

	@Test
	void aLimitBelowTheLargestUploadIsRaisedAboveIt() {
		assertThat(SigningConfiguration.maxBodyBytes(properties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(16))))
			.isEqualTo(16 * 1024 * 1024 + SigningConfiguration.UPLOAD_MARGIN_BYTES);
	}

	@Test
	void withoutAShellKeyOnlyTheManagerIsACaller() {
		// The default file, /data/secrets/shell.key here, does not exist.
		assertThat(SigningConfiguration.callers(properties(DataSize.ofMegabytes(17), DataSize.ofMegabytes(16))))
			.containsOnlyKeys("manager");
	}

	@Test
	void theShellServerMayOnlyOpenTerminals() {
		Map<String, Caller> callers = SigningConfiguration.callers(properties(DataSize.ofMegabytes(17),
				DataSize.ofMegabytes(16), "shell-test-key-0123456789abcdefghijklmnop"));
		assertThat(callers).containsOnlyKeys("manager", "shell");
		assertThat(callers.get("shell").pathPrefixes()).containsExactly("/terminal");
		assertThat(callers.get("manager").pathPrefixes()).containsExactly("/");
	}

	@Test
	void theShellKeysFileIsEnoughWhenItExists(@TempDir Path secrets) throws Exception {
		Path file = Files.writeString(secrets.resolve("shell.key"), "shell-file-key-0123456789abcdefghijklmnop\n");
		assertThat(SigningConfiguration.callers(properties(DataSize.ofMegabytes(17), DataSize.ofMegabytes(16), "",
				file.toString())).get("shell").pathPrefixes()).containsExactly("/terminal");
	}

}
