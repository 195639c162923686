package edu.tjhsst.director.orchestrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The orchestrator's settings ({@code director.*}), each with a default and an environment variable in
 * {@code application.properties}.
 * @param data the data root; holds {@code sites/}, {@code accounts/}, {@code appserver-nginx/} and {@code secrets/}
 * @param key the key the manager signs its requests with, or blank to read {@code keyFile}
 * @param keyFile the file that holds the key when {@code key} is blank
 * @param dockerHost the Docker Engine API address, such as {@code unix:///var/run/docker.sock}
 * @param appserver the appserver Nginx service
 * @param maxRequestBody the largest signed request body accepted; never less than a little over
 * {@code files.maxUpload}
 * @param files the limits of the files API
 * @param shellKey the key the shell server signs its terminal requests with, or blank to read {@code shellKeyFile}
 * @param shellKeyFile the file that holds the shell server's key; when the key is blank and this file does not
 * exist, the shell server is not accepted
 * @param terminal the terminal containers and sessions
 * @param sitesVolume the volume that holds {@code sites/}, which limits each site's disk space
 */
@ConfigurationProperties("director")
public record OrchestratorProperties(Path data, String key, String keyFile, String dockerHost, Appserver appserver,
		DataSize maxRequestBody, Files files, String shellKey, String shellKeyFile, Terminal terminal,
		SitesVolume sitesVolume) {

	public OrchestratorProperties {
		data = data.toAbsolutePath().normalize();
		sitesVolume = sitesVolume == null ? new SitesVolume(DataSize.ofBytes(0)) : sitesVolume;
	}

	/** The directory that holds one directory per site, mounted read-only into the appserver Nginx. */
	public Path sitesDir() {
		return data.resolve("sites");
	}

	/** One site's directory. */
	public Path siteDir(long id) {
		if (id <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return sitesDir().resolve(Long.toString(id));
	}

	/** The file that holds the sites' volume, a Btrfs file system mounted at {@link #sitesDir()}. */
	public Path sitesVolumeImage() {
		return data.resolve("sites.btrfs");
	}

	/** The appserver Nginx's configuration directory, mounted read-only into its container. */
	public Path appserverNginxDir() {
		return data.resolve("appserver-nginx");
	}

	/**
	 * The folder that holds one folder per appserver service, each mounted into its container for the Unix socket its
	 * Nginx listens on and this node's router connects to.
	 */
	public Path appserverSocketsDir() {
		return data.resolve("appserver-sockets");
	}

	/**
	 * The appserver Nginx: one one-task Swarm service for each of its ports, on their own overlay network, each attached
	 * to every site's network and published in host mode, so that while one restarts (updated or crashed) the router
	 * sends its requests to another.
	 * @param bootstrap whether start-up creates or repairs the network and services (off for tests without Docker)
	 * @param service the first Swarm service's name; the others are {@code <service>-2}, {@code <service>-3}...
	 * @param network the Nginx's attachable overlay network, which no site joins; each site's own network is named
	 * after it, {@code <network>-<site id>}
	 * @param image the appserver Nginx image
	 * @param ports the host ports published in host mode to the services' port 80, one service each, 1 to 4 of them
	 * @param reloadDelay the cool-down after a reload: changes that come within it share the next reload (one change
	 *        while Nginx is idle is reloaded at once)
	 * @param startTimeout how long start-up waits for each service's container to run and accept its config
	 * @param watchPeriod how often the services are made again when they were removed or changed by hand; 0 for never
	 * @param trustedProxies the addresses (or CIDR blocks) other nodes' routers reach the Nginx from, whose client
	 *        address and X-Forwarded-* headers the Nginx passes on to sites, as it does for this node's router, which
	 *        connects through the services' Unix sockets; empty for none
	 */
	public record Appserver(boolean bootstrap, String service, String network, String image, List<Integer> ports,
			Duration reloadDelay, Duration startTimeout, Duration watchPeriod, List<String> trustedProxies) {

		private static final java.util.regex.Pattern IPV4_BLOCK = java.util.regex.Pattern.compile(
				"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
						+ "(/(3[0-2]|[12]?[0-9]))?$");

		public Appserver {
			trustedProxies = trustedProxies == null ? List.of()
					: trustedProxies.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
			for (String entry : trustedProxies) {
				if (!isIpv4Block(entry)) {
					throw new IllegalArgumentException("DIRECTOR_APPSERVER_TRUSTED_PROXIES lists IPv4 addresses or CIDR"
							+ " blocks separated by commas, such as 172.18.0.1 or 192.0.2.0/24; \"" + entry
							+ "\" is neither");
				}
			}
			ports = ports == null ? List.of() : List.copyOf(ports);
			if (ports.isEmpty() || ports.size() > 4 || ports.stream().distinct().count() != ports.size()
					|| ports.stream().anyMatch(port -> port < 1 || port > 65535)) {
				throw new IllegalArgumentException("DIRECTOR_APPSERVER_PORTS must list 1 to 4 different ports, not "
						+ ports);
			}
		}

		/** Whether the text is an IPv4 address or CIDR block, such as {@code 172.18.0.1} or {@code 192.0.2.0/24}. */
		public static boolean isIpv4Block(String text) {
			return text != null && IPV4_BLOCK.matcher(text).matches();
		}

		/** The services' names, first to last. */
		public List<String> services() {
			return IntStream.rangeClosed(1, ports.size()).mapToObj(n -> n == 1 ? service : service + "-" + n).toList();
		}

		/** The host port of the service at this index in {@link #services()}. */
		public int port(int index) {
			return ports.get(index);
		}

	}

	/**
	 * The limits of the files API.
	 * @param maxRead the largest file the editor may open
	 * @param maxDownload the largest file that may be downloaded
	 * @param maxUpload the largest file that may be written in one request
	 * @param maxZip the largest total of file sizes a folder's zip archive may hold
	 */
	public record Files(DataSize maxRead, DataSize maxDownload, DataSize maxUpload, DataSize maxZip) {
	}

	/**
	 * The terminal containers and their sessions.
	 * @param idle how long a site's terminal container stays without a session before it is removed
	 * @param maxLifetime the longest one session may last
	 * @param heartbeat how often each session's WebSocket is pinged; one that stops answering is ended
	 */
	public record Terminal(Duration idle, Duration maxLifetime, Duration heartbeat) {
	}

	/**
	 * The volume that holds every site's files: a Btrfs file system in one file, its blocks reserved on the disk ({@link #sitesVolumeImage()}),
	 * mounted at {@code sites/}, where each site is a subvolume whose quota group holds it to its disk limit.
	 * @param size how large the file may grow; 0 for none, which leaves {@code sites/} a plain folder and sites'
	 *        disk space unlimited (unless {@code sites/} is already a Btrfs mount, which is then used as it is)
	 */
	public record SitesVolume(DataSize size) {

		public SitesVolume {
			size = size == null ? DataSize.ofBytes(0) : size;
		}

		public boolean wanted() {
			return size.toBytes() > 0;
		}

	}

}
