package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * What a student's code reaches, end to end: a dynamic site's process (and the student's terminal over SSH) tries
 * every service of this machine at each of its addresses a container can reach (the Docker bridges' gateways and the
 * machine's own address) and gets none, while the site's database port and DNS still work and the site still serves;
 * the process runs unprivileged with only its own folder; and the manager, router and shell server do not run as
 * root. Connections go only to this machine's own addresses.
 */
@BrowserTest
class HostIsolationJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String STUDENT = "kim";

	private static final String STUDENT_PASSWORD = "kim-password-1";

	private static final String SITE = "probe-e2e";

	/** Swarm's control ports, which dockerd opens on every address. */
	private static final List<Integer> SWARM_PORTS = List.of(2377, 7946);

	private static final Pattern CONNECT = Pattern.compile("^connect (\\S+) (\\S+)$", Pattern.MULTILINE);

	/**
	 * On {@code /probe}: tries each {@code host port} of targets.txt at once (3 s each), resolves a name, and reports
	 * its uid, capabilities and mounts; anything else answers that it runs.
	 */
	private static final String APP = """
			import concurrent.futures, errno, http.server, os, socket
			HERE = os.path.dirname(os.path.abspath(__file__))
			def connect(target):
			    host, port = target
			    try:
			        with socket.create_connection((host, int(port)), timeout=3):
			            return "open"
			    except socket.timeout:
			        return "timeout"
			    except OSError as e:
			        return "refused" if e.errno == errno.ECONNREFUSED else "error-%s" % e.errno
			def probe():
			    targets = [line.split() for line in open(os.path.join(HERE, "targets.txt")) if line.strip()]
			    lines = []
			    with concurrent.futures.ThreadPoolExecutor(len(targets)) as pool:
			        for (host, port), result in zip(targets, pool.map(connect, targets)):
			            lines.append("connect %s:%s %s" % (host, port, result))
			    try:
			        lines.append("dns " + socket.gethostbyname("deb.debian.org"))
			    except OSError as e:
			        lines.append("dns failed %s" % e)
			    lines.append("uid %d" % os.getuid())
			    lines += [line.strip() for line in open("/proc/self/status") if line.startswith(("Cap", "NoNewPrivs"))]
			    lines += ["mount %s %s %s" % (f[4], f[3], f[5]) for f in (line.split() for line in open("/proc/self/mountinfo"))]
			    return "\\n".join(lines)
			class Handler(http.server.BaseHTTPRequestHandler):
			    def do_GET(self):
			        body = ((probe() if self.path == "/probe" else "the probe runs") + "\\n").encode()
			        self.send_response(200)
			        self.send_header("Content-Type", "text/plain")
			        self.send_header("Content-Length", str(len(body)))
			        self.end_headers()
			        self.wfile.write(body)
			http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
			""";

	private static final String RUN = """
			#!/bin/sh
			exec python3 -u "$(dirname "$0")/app.py"
			""";

	private static long siteId;

	/** The Docker bridge's gateway, where the embedded PostgreSQL for sites listens. */
	private static String gateway;

	@BeforeAll
	static void start() throws Exception {
		gateway = Host.bridgeGateway();
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent(STUDENT, STUDENT_PASSWORD);
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn(STUDENT, STUDENT_PASSWORD);
		siteId = JOURNEY.portal().createSite(SITE, "dynamic", "python");

		String targets = String.join("\n", targets().keySet().stream().map(target -> target.replace(':', ' ')).toList());
		JOURNEY.platform().writeSiteFiles(siteId, Map.of("app.py", APP, "run.sh", RUN, "targets.txt", targets + "\n"));
		JOURNEY.portal().restart(siteId);
	}

	@Test
	void aSitesProcessReachesNoneOfTheMachinesServicesButItsDatabaseAndDnsWork() throws Exception {
		String report = JOURNEY.answers().await(SITE, "/probe", "dns ").body();
		Map<String, String> results = connections(report);
		assertThat(results.keySet()).as("what the probe tried").containsAll(targets().keySet());
		assertThat(unexpected(results, "open", List.of("timeout", "refused")))
			.as("a site's connections that went otherwise than they must (only the database's may connect)").isEmpty();
		assertThat(report).as("a name lookup from the site").containsPattern("(?m)^dns \\d+\\.\\d+\\.\\d+\\.\\d+$");
		assertThat(JOURNEY.answers().await(SITE, "/", "the probe runs").body()).as("the site, served through the router").isNotBlank();
	}

	@Test
	void aSitesProcessRunsWithoutRootOrCapabilitiesAndSeesOnlyItsOwnFolder() throws Exception {
		String report = JOURNEY.answers().await(SITE, "/probe", "dns ").body();
		assertThat(value(report, "uid")).isEqualTo(Integer.toString(SiteUsers.uid(siteId)));
		assertThat(value(report, "CapEff:")).isEqualTo("0000000000000000");
		assertThat(value(report, "CapPrm:")).isEqualTo("0000000000000000");
		// A mount line is "mount <where> <its root inside its file system> <options>": the site's folder at /site, and its
		// own account files read-only at /etc/passwd and /etc/group, whatever /tmp is mounted as.
		List<String> mounts = report.lines().filter(line -> line.startsWith("mount ")).toList();
		String data = JOURNEY.platform().data.getFileName().toString();
		// On the sites' volume, the site's folder is its own subvolume: "/<id>" inside the volume's file system.
		String own = "mount /site /" + siteId + " ";
		String accounts = "/" + data + "/accounts/" + siteId + "/";
		assertThat(mounts).as("the site's folder at /site").anyMatch(line -> line.startsWith(own));
		for (String file : new String[] { "passwd", "group" }) {
			assertThat(mounts).as("its own %s, read-only", file).anyMatch(line -> line.startsWith("mount /etc/" + file
					+ " ") && line.contains(accounts + file + " ro"));
		}
		assertThat(mounts).as("nothing else of the platform's data, nor the Docker socket")
			.allMatch(line -> line.startsWith(own) || line.contains(accounts) || !line.contains(data))
			.noneMatch(line -> line.contains("docker.sock"));
	}

	@Test
	void aStudentsTerminalReachesNoneOfTheMachinesServices() throws Exception {
		StringBuilder command = new StringBuilder("for t in");
		targets().keySet().forEach(target -> command.append(' ').append(target));
		command.append("; do ( if timeout 3 bash -c \"exec 3<>/dev/tcp/${t%:*}/${t#*:}\" 2>/dev/null;")
			.append(" then echo \"connect $t open\"; else echo \"connect $t closed\"; fi ) & done; wait");
		Ssh.Result result = new Ssh(JOURNEY.platform().shellPort).withPassword(STUDENT_PASSWORD, STUDENT + "+" + SITE,
				command.toString());
		assertThat(result.exitCode()).as("the terminal's command: %s", result.err()).isZero();
		Map<String, String> results = connections(result.out());
		assertThat(unexpected(results, "open", List.of("closed")))
			.as("a terminal's connections that went otherwise than they must (only the database's may connect)").isEmpty();
	}

	@Test
	void theManagerRouterAndShellServerRunAsAnUnprivilegedUser() throws Exception {
		Map<String, Path> pidFiles = new LinkedHashMap<>();
		for (String name : List.of("manager", "router", "shell")) {
			pidFiles.put(name, JOURNEY.platform().data.resolve("run").resolve(name + ".pid"));
		}
		pidFiles.put("router's Nginx", JOURNEY.platform().data.resolve("router-nginx").resolve("nginx.pid"));
		pidFiles.forEach((name, file) -> {
			List<String> status = status(file);
			assertThat(field(status, "Uid:")).as("the %s's user ids (real, effective, saved, file system)", name)
				.doesNotContain("0");
			assertThat(field(status, "Gid:")).as("the %s's group ids", name).doesNotContain("0");
			assertThat(field(status, "CapEff:")).as("the %s's capabilities", name).containsExactly("0000000000000000");
		});
		// Its secrets are readable by their owner only.
		try (var files = Files.list(JOURNEY.platform().data.resolve("secrets"))) {
			assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(file -> assertThat(
					PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file).isEqualTo("rw-------"));
		}
	}

	/**
	 * Each address and port tried, and whether it must connect: every service of the platform and Swarm's control ports
	 * at both bridges' gateways and the machine's own address, which must not; the sites' database, which must.
	 */
	private static Map<String, Boolean> targets() throws Exception {
		List<String> addresses = new ArrayList<>(List.of(gateway));
		for (String name : List.of("docker_gwbridge", "eth0")) {
			String address = ipv4Of(name);
			if (address != null && !addresses.contains(address)) {
				addresses.add(address);
			}
		}
		List<Integer> ports = new ArrayList<>(List.of(JOURNEY.platform().portalPort, JOURNEY.platform().orchestratorPort,
				JOURNEY.platform().routerApiPort, JOURNEY.platform().shellApiPort, JOURNEY.platform().shellPort, JOURNEY.platform().sitesPort,
				JOURNEY.platform().httpsPort));
		ports.addAll(SWARM_PORTS);
		Map<String, Boolean> targets = new LinkedHashMap<>();
		for (String address : addresses) {
			for (int port : ports) {
				targets.put(address + ":" + port, false);
			}
		}
		targets.put(gateway + ":" + JOURNEY.platform().siteDatabasePort, true);
		return targets;
	}

	/** Each target whose result is not what it must be (the allowed one's, or one of the refused ones'), with it. */
	private static Map<String, String> unexpected(Map<String, String> results, String allowed, List<String> refused)
			throws Exception {
		Map<String, String> wrong = new LinkedHashMap<>();
		targets().forEach((target, expected) -> {
			String result = results.get(target);
			if (expected ? !allowed.equals(result) : !refused.contains(result)) {
				wrong.put(target, result);
			}
		});
		return wrong;
	}

	/** The IPv4 address of one of this machine's interfaces, or null when it has none. */
	private static String ipv4Of(String name) throws Exception {
		NetworkInterface nic = NetworkInterface.getByName(name);
		if (nic == null) {
			return null;
		}
		return Collections.list(nic.getInetAddresses()).stream()
			.filter(Inet4Address.class::isInstance)
			.map(InetAddress::getHostAddress)
			.findFirst()
			.orElse(null);
	}

	private static Map<String, String> connections(String report) {
		Map<String, String> results = new LinkedHashMap<>();
		Matcher matcher = CONNECT.matcher(report);
		while (matcher.find()) {
			results.put(matcher.group(1), matcher.group(2));
		}
		return results;
	}

	private static String value(String report, String key) {
		return report.lines()
			.filter(line -> line.startsWith(key + " ") || line.startsWith(key + "\t"))
			.map(line -> line.substring(key.length()).strip())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + key + " in " + report));
	}

	private static List<String> status(Path pidFile) {
		try {
			String pid = Files.readString(pidFile).strip();
			assertThat(pid).as("the pid in %s", pidFile).matches("\\d+");
			return Files.readAllLines(Path.of("/proc", pid, "status"));
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("cannot read the process of " + pidFile + ": " + ex.getMessage(), ex);
		}
	}

	private static List<String> field(List<String> status, String key) {
		return status.stream()
			.filter(line -> line.startsWith(key))
			.map(line -> List.of(line.substring(key.length()).strip().split("\\s+")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + key + " in " + status));
	}

	private static Path siteFolder() {
		return JOURNEY.platform().data.resolve("sites").resolve(Long.toString(siteId));
	}

}
