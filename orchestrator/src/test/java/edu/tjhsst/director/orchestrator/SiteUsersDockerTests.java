package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * Each site's own Unix user against the real Docker Swarm: what its process and the files API make is its own, it
 * cannot write a file of another site's user even where a mistake puts one in its folder, and the files of a site from
 * when every site shared uid 1000 move to its own user on its next converge, links never followed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class SiteUsersDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("su-", "orchestrator-users-", 6_900_000,
			"director/runtime-plain:3");

	private static final Path DATA = SWARM.data();

	private static final long BASE_ID = SWARM.baseId();

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
	void aSitesFilesAreItsOwnAndItCannotWriteAFileOfAnotherSitesUserPutInItsFolderByMistake() throws Exception {
		long site = BASE_ID + 1;
		long other = BASE_ID + 2;
		int uid = SiteUsers.uid(site);
		int otherUid = SiteUsers.uid(other);
		Path dir = DATA.resolve("sites/" + site);
		try {
			assertThat(http.signed("PUT", "/sites/" + other, staticSpec(other)).status()).isEqualTo(200);
			// The mistake in a mount: a file of the other site's user, writable by its owner, in this site's folder.
			Files.createDirectories(dir.resolve("private"));
			Path others = Files.writeString(dir.resolve("private/others.txt"), "the other site's\n");
			chown(others, otherUid);
			executable(dir.resolve("run.sh"), """
					#!/bin/sh
					echo made > /site/private/made.txt && echo "made=$(stat -c %u:%g /site/private/made.txt)"
					mkdir /site/private/folder && echo "folder=$(stat -c %u:%g /site/private/folder)"
					sh -c 'echo mine >> /site/private/others.txt' 2>&1 | sed 's/^/others: /'
					echo "probing done"
					exec sleep 3600
					""");
			assertThat(http.signed("PUT", "/sites/" + site, "{\"id\":" + site + ",\"name\":\"site-a\",\"type\":"
					+ "\"DYNAMIC\",\"hosts\":[\"a-" + site + ".sites.localhost\"],\"runtime\":\"plain\"}").status())
				.isEqualTo(200);
			TestHttp.BinaryResponse written = http.signedBytes("PUT",
					"/sites/" + site + "/files/content?path=" + TestHttp.query("public/portal.html"),
					"<p>from the portal</p>".getBytes(StandardCharsets.UTF_8));
			assertThat(written.status()).isEqualTo(200);

			String probed = awaitLog(http, site, 50, "probing done");
			assertThat(probed).contains("made=" + uid + ":" + uid).contains("folder=" + uid + ":" + uid)
				.contains("others: sh: 1: cannot create /site/private/others.txt: Permission denied");
			assertThat(others).as("the other site's file").hasContent("the other site's");
			assertThat(owner(others)).isEqualTo(otherUid + ":" + otherUid);
			assertThat(owner(dir.resolve("private/made.txt"))).isEqualTo(uid + ":" + uid);
			assertThat(owner(dir.resolve("public/portal.html"))).as("written by the files API")
				.isEqualTo(uid + ":" + uid);
			for (String folder : List.of("", "public", "private", ".home")) {
				assertThat(owner(dir.resolve(folder))).as("/site/" + folder).isEqualTo(uid + ":" + uid);
			}
			assertThat(owner(DATA.resolve("sites/" + other))).isEqualTo(otherUid + ":" + otherUid);
		}
		finally {
			http.signed("DELETE", "/sites/" + site, "");
			http.signed("DELETE", "/sites/" + other, "");
		}
	}

	@Test
	void aSiteWhoseFilesBelongToTheSharedUidMovesToItsOwnOnItsNextConvergeWithoutFollowingLinks() throws Exception {
		long site = BASE_ID + 3;
		int uid = SiteUsers.uid(site);
		Path dir = DATA.resolve("sites/" + site);
		// Outside the site: a root's file and folder a link points at, as a planted link to /etc would.
		Path outside = Files.createDirectories(DATA.resolve("outside-" + site));
		Path secret = Files.writeString(outside.resolve("shadow"), "root's\n");
		try {
			Files.createDirectories(dir.resolve("private/deep/er"));
			Files.createDirectories(dir.resolve("public"));
			Files.createDirectories(dir.resolve(".home"));
			Path old = Files.writeString(dir.resolve("private/deep/er/old.txt"), "from before\n");
			Files.createLink(dir.resolve("private/hard-link.txt"), old);
			Files.createSymbolicLink(dir.resolve("public/etc-shadow"), secret);
			Files.createSymbolicLink(dir.resolve("private/deep/etc"), outside);
			executable(dir.resolve("run.sh"), """
					#!/bin/sh
					echo again >> /site/private/deep/er/old.txt && echo "appended as $(id -u)"
					echo "probing done"
					exec sleep 3600
					""");
			// As the platform left every site before: its whole tree, links too, the shared uid's.
			assertThat(new ProcessBuilder("chown", "-R", "-h", "1000:1000", dir.toString()).start().waitFor()).isZero();

			assertThat(http.signed("PUT", "/sites/" + site, "{\"id\":" + site + ",\"name\":\"legacy\",\"type\":"
					+ "\"DYNAMIC\",\"hosts\":[\"legacy-" + site + ".sites.localhost\"],\"runtime\":\"plain\"}").status())
				.isEqualTo(200);

			try (Stream<Path> entries = Files.walk(dir)) {
				for (Path entry : entries.toList()) {
					assertThat(owner(entry)).as(entry.toString()).isEqualTo(uid + ":" + uid);
				}
			}
			assertThat(owner(secret)).as("the file a link pointed at").isEqualTo("0:0");
			assertThat(owner(outside)).as("the folder a link pointed at").isEqualTo("0:0");
			assertThat(awaitLog(http, site, 50, "probing done")).contains("appended as " + uid);
			assertThat(old).hasContent("from before\nagain");
		}
		finally {
			http.signed("DELETE", "/sites/" + site, "");
		}
	}

	private static String staticSpec(long id) {
		return "{\"id\":" + id + ",\"name\":\"site-" + id + "\",\"type\":\"STATIC\",\"hosts\":[\"s-" + id
				+ ".sites.localhost\"]}";
	}

	private static void chown(Path file, int uid) throws IOException {
		Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(file, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
	}

	private static String owner(Path file) throws IOException {
		return Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
				+ Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
	}

}
