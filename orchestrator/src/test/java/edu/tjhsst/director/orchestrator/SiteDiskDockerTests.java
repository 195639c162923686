package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.output;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * Each site's disk limit on the real sites' volume (a Btrfs file in this run's data root, mounted as a platform mounts
 * it) with the real Docker Swarm: a site's process, its shell and the files API all stop at the limit with a clear
 * error and nothing half written, another site writes on, a raised limit applies at once, a deleted site goes whole
 * however deep its folders, and neither a process nor a shell can make a subvolume or snapshot, which would escape
 * the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class SiteDiskDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("dq-", "orchestrator-disk-", 7_900_000,
			"director/runtime-plain:3").withSitesVolume("1GB");

	private static final Path DATA = SWARM.data();

	private static final long BASE_ID = SWARM.baseId();

	private static final long MIB = 1024L * 1024;

	/** Makes a subvolume named "escape" in /site/private, then a snapshot of /site named "snap" there; says how each went. */
	private static final String SUBVOLUME_ATTACK = """
			perl -e '
			  open(my $dir, "<", "/site/private") or die "open: $!";
			  my $new = pack("q a4088", 0, "escape");
			  print "subvolume: ", (ioctl($dir, 0x5000940e, $new) ? "made" : "$!"), "\n";
			  open(my $site, "<", "/site") or die "open: $!";
			  my $snapshot = pack("q a4088", fileno($site), "snap");
			  print "snapshot: ", (ioctl($dir, 0x50009401, $snapshot) ? "made" : "$!"), "\n";
			'""";

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void aSitesProcessAndTheFilesApiStopAtItsDiskLimitWhileAnotherSiteWritesOnAndARaisedLimitAppliesAtOnce()
			throws Exception {
		long site = BASE_ID + 1;
		long other = BASE_ID + 2;
		Path dir = DATA.resolve("sites/" + site);
		try {
			assertThat(put(site, "STATIC", 32).status()).isEqualTo(200);
			assertThat(put(other, "STATIC", 64).status()).isEqualTo(200);
			assertThat(Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS)).as("a subvolume's root")
				.isEqualTo(256L);
			assertThat(write(site, "public/kept.txt", "the first version".getBytes(StandardCharsets.UTF_8)).status())
				.isEqualTo(200);
			executable(dir.resolve("run.sh"), """
					#!/bin/sh
					dd if=/dev/zero of=/site/private/fill bs=1M count=64 2>&1 | grep -i -e quota -e copied | sed 's/^/fill: /'
					echo "filling done"
					exec sleep 3600
					""");
			assertThat(put(site, "DYNAMIC", 32).status()).isEqualTo(200);
			String filled = awaitLog(http, site, 50, "filling done");
			assertThat(filled).contains("fill: dd: error writing '/site/private/fill': Disk quota exceeded");
			assertThat(Files.size(dir.resolve("private/fill"))).isBetween(16 * MIB, 32 * MIB);

			// The editor's save: refused whole, with a sentence; the file keeps its first version, no temporary left.
			TestHttp.BinaryResponse refused = write(site, "public/kept.txt", new byte[4 * (int) MIB]);
			assertThat(refused.status()).isEqualTo(507);
			assertThat(refused.text()).contains("not enough room left in the site's disk space")
				.contains("public/kept.txt was not changed");
			assertThat(dir.resolve("public/kept.txt")).hasContent("the first version");
			try (var entries = Files.list(dir.resolve("public"))) {
				assertThat(entries.map(entry -> entry.getFileName().toString()))
					.noneMatch(name -> name.startsWith(".director-"));
			}

			output("btrfs", "filesystem", "sync", dir.toString());
			JsonNode usage = DockerCommands.readTree(http.signed("GET", "/sites/" + site + "/disk", "").body());
			assertThat(usage.get("limitBytes").asLong()).isEqualTo(32 * MIB);
			assertThat(usage.get("usedBytes").asLong()).isBetween(16 * MIB, 32 * MIB);

			// The other site's own limit is untouched by the first one's being full.
			assertThat(write(other, "public/big.bin", new byte[8 * (int) MIB]).status()).isEqualTo(200);

			// A raised limit needs no restart: the same save goes through now.
			assertThat(put(site, "DYNAMIC", 128).status()).isEqualTo(200);
			assertThat(write(site, "public/kept.txt", new byte[4 * (int) MIB]).status()).isEqualTo(200);
			assertThat(Files.size(dir.resolve("public/kept.txt"))).isEqualTo(4 * MIB);

			// Deeper than a walk of the tree by handles goes (256 folders): the subvolume goes whole.
			output("mkdir", "-p", dir.resolve("private/" + "d/".repeat(300)).toString());
		}
		finally {
			http.signed("DELETE", "/sites/" + site, "");
			http.signed("DELETE", "/sites/" + other, "");
		}
		assertThat(dir).doesNotExist();
	}

	@Test
	void neitherASitesProcessNorItsShellCanMakeASubvolumeOrSnapshotToWritePastItsLimit() throws Exception {
		long site = BASE_ID + 3;
		Path dir = DATA.resolve("sites/" + site);
		try {
			assertThat(put(site, "STATIC", 32).status()).isEqualTo(200);
			// The attack is real: in a container like the site's, as its user and under Docker's own seccomp filter,
			// but without the guard, both are made.
			int uid = SiteUsers.uid(site);
			String unguarded = output(DockerCommands.DOCKER, "run", "--rm", "--user", uid + ":" + uid,
					"--network", "none", "--mount", "type=bind,source=" + dir + ",target=/site",
					"director/runtime-plain:3", "sh", "-c", SUBVOLUME_ATTACK);
			assertThat(unguarded).contains("subvolume: made").contains("snapshot: made");
			output("btrfs", "subvolume", "delete", dir.resolve("private/escape").toString(),
					dir.resolve("private/snap").toString());

			executable(dir.resolve("run.sh"), "#!/bin/sh\n" + SUBVOLUME_ATTACK + "\necho \"PERL5OPT=$PERL5OPT\"\n"
					+ "grep Seccomp_filters /proc/1/status\necho \"attack done\"\nexec sleep 3600\n");
			// The owner's variables would have Perl load this module before the guard's filter is in place, and it
			// would run the site's program without it.
			Files.createDirectories(dir.resolve("private/lib"));
			Files.writeString(dir.resolve("private/lib/X.pm"), "package X; my $mode = $ARGV[0] // '';\n"
					+ "if ($mode eq 'init' || $mode eq 'exec') { shift @ARGV; exec { $ARGV[0] } @ARGV }\n1;\n");
			assertThat(http.signed("PUT", "/sites/" + site, spec(site, "DYNAMIC", 32,
					",\"env\":{\"PERL5LIB\":\"/site/private/lib\",\"PERL5OPT\":\"-MX\"}")).status()).isEqualTo(200);
			String attacked = awaitLog(http, site, 50, "attack done");
			assertThat(attacked).contains("subvolume: Operation not permitted")
				.contains("snapshot: Operation not permitted")
				.as("the variables reach the program").contains("PERL5OPT=-MX")
				.as("its first process has the guard's filter and Docker's").contains("Seccomp_filters:\t2");

			TerminalTokens minter = new TerminalTokens(SigningKey.of(TestHttp.KEY));
			String token = minter.mint(new TerminalGrant(site, "disksite", "alice", TerminalMode.EXEC,
					SUBVOLUME_ATTACK, false, "director/runtime-plain:3", new SiteLimits(250L, 128L, 64L),
					minter.expiry(), TerminalTokens.nonce()));
			TerminalDockerTests.Session shell = TerminalDockerTests.open(port, token);
			assertThat(shell.awaitExit()).contains("\"code\":0");
			assertThat(shell.stdout()).contains("subvolume: Operation not permitted")
				.contains("snapshot: Operation not permitted");
			assertThat(dir.resolve("private/escape")).doesNotExist();
			assertThat(dir.resolve("private/snap")).doesNotExist();
		}
		finally {
			http.signed("DELETE", "/sites/" + site, "");
		}
	}

	private TestHttp.Response put(long id, String type, long diskMiB) throws Exception {
		return http.signed("PUT", "/sites/" + id, spec(id, type, diskMiB, ""));
	}

	private static String spec(long id, String type, long diskMiB, String more) {
		String runtime = "DYNAMIC".equals(type) ? ",\"runtime\":\"plain\"" : "";
		return "{\"id\":" + id + ",\"name\":\"disk-" + id + "\",\"type\":\"" + type + "\",\"hosts\":[\"disk-" + id
				+ ".sites.localhost\"]" + runtime + ",\"limits\":{\"diskMiB\":" + diskMiB + "}" + more + "}";
	}

	private TestHttp.BinaryResponse write(long id, String path, byte[] content) throws Exception {
		return http.signedBytes("PUT", "/sites/" + id + "/files/content?path=" + TestHttp.query(path), content);
	}

}
