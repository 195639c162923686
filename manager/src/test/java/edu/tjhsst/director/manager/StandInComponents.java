package edu.tjhsst.director.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureRejectedException;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.DiskUsage;

/**
 * One manager test class's stand-ins for the orchestrator (with its file API), the router's API and the router's front
 * door, and the data directory its manager keeps its state in. A test class registers it as an extension
 * ({@code @RegisterExtension static final}), which stops the stand-ins after the class, and points its context at
 * them with {@link #register} from its {@code @DynamicPropertySource}. It checks every signature with the real
 * verifier and records the calls; it can be told to fail.
 */
final class StandInComponents implements AfterAllCallback {

	static final String KEY = "test-key-0123456789-0123456789-0123456789";

	/** The name of the manager's Quartz scheduler, after the test class. */
	private final String scheduler;

	/**
	 * The manager's data directory. It outlives the class: the class's context, with the embedded PostgreSQL whose
	 * files are in it, stays cached until the run ends.
	 */
	private final Path data;

	private final HttpServer server;

	private final SignatureVerifier verifier = new SignatureVerifier(
			Map.of("manager", Caller.anyPath(SigningKey.of(KEY))));

	final List<String> calls = new CopyOnWriteArrayList<>();

	/** While positive, the orchestrator answers this many PUTs with an error. */
	final AtomicInteger orchestratorFailures = new AtomicInteger();

	/** While positive, the orchestrator answers this many PUTs with 503, as while it restarts. */
	final AtomicInteger orchestratorDown = new AtomicInteger();

	/**
	 * What the orchestrator or the router says it put right at the next PUT of a path ({@code /sites/7},
	 * {@code /routes/7}), once, as when a person removed the site's service or route by hand.
	 */
	final Map<String, String> driftOnce = new ConcurrentHashMap<>();

	/** Sites the orchestrator still serves something of, and those the router still routes, known or not. */
	final Set<Long> served = ConcurrentHashMap.newKeySet();

	final Set<Long> routed = ConcurrentHashMap.newKeySet();

	/** How long the orchestrator takes over each batch of specs, in ms (none by default). */
	final AtomicInteger batchMillis = new AtomicInteger();

	/** The most batches of specs the orchestrator had in hand at once since this was last set to 0. */
	final AtomicInteger mostBatchesAtOnce = new AtomicInteger();

	private final AtomicInteger batchesNow = new AtomicInteger();

	private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "stand-in-components");
		thread.setDaemon(true);
		return thread;
	});

	/** When the stand-ins' health checks say their processes started; a new value is a restart. */
	final AtomicReference<String> started = new AtomicReference<>("2026-01-02T03:04:05Z");

	/** While true, the orchestrator's list of runtime images answers 503, as if it could not be reached. */
	final AtomicBoolean runtimesDown = new AtomicBoolean();

	/** Whether the stand-in answers a metrics scrape with a failure, as a component that is down. */
	final AtomicBoolean metricsDown = new AtomicBoolean();

	/** The disk use the orchestrator answers for a site, by id; any other site uses nothing of the default 1 GiB. */
	final Map<Long, DiskUsage> disks = new ConcurrentHashMap<>();

	/** Sites whose disk use the orchestrator fails to read, answering 500. */
	final Set<Long> disksFailing = ConcurrentHashMap.newKeySet();

	/** Front-door answers for some host names instead of the usual 200, such as a disabled site's 503 page. */
	final Map<String, Front> fronts = new ConcurrentHashMap<>();

	/** A package that makes the stand-in's image build fail, as an unknown Debian package does. */
	static final String FAILING_PACKAGE = "fail-build";

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The output of each site's last image build. */
	private final Map<Long, String> buildLogs = new ConcurrentHashMap<>();

	/** The router's challenge answers and certificates. */
	final StandInTls tls = new StandInTls();

	/** The orchestrator's file API, over site directories in a temporary folder. */
	final FakeSiteFiles files;

	/**
	 * Starts the stand-ins on a free port, with a fresh data directory, for one test class's manager. The class names
	 * the manager's Quartz scheduler: Quartz keys its job store JVM-wide by that name, so under a shared name a cached
	 * context of another test class would take this database's jobs and never run them.
	 */
	StandInComponents(Class<?> testClass) {
		scheduler = "director-" + testClass.getSimpleName();
		try {
			data = Files.createTempDirectory(scheduler + "-");
			files = new FakeSiteFiles(Files.createTempDirectory("director-fake-files"));
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", this::handle);
		// Calls at once are answered at once, as the components do (the reconciler states batches side by side).
		server.setExecutor(handlers);
		server.start();
	}

	/** Points the test class's manager at these stand-ins and its data directory. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("director.data", data::toString);
		registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> scheduler);
		registry.add("director.orchestrator.url", this::url);
		registry.add("director.orchestrator.key", () -> KEY);
		registry.add("director.router.url", this::url);
		registry.add("director.router.http-url", this::url);
		registry.add("director.router.key", () -> KEY);
		// Rounds of the reconciler would add calls that tests count; ReconcilerIntegrationTests runs its rounds itself.
		registry.add("director.reconcile.interval", () -> "24h");
		registry.add("director.reconcile.start-check", () -> "24h");
		// Tests make more sites for one student than the shipped limit of 10; SiteLimitIntegrationTests sets it back.
		registry.add("director.sites.max-per-user", () -> "1000");
	}

	/** The manager's data directory. */
	Path data() {
		return data;
	}

	/** The port of the stand-ins, which is also the front door's HTTP port a CA validates on. */
	int port() {
		return server.getAddress().getPort();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		String query = exchange.getRequestURI().getRawQuery();
		String pathAndQuery = query == null ? path : path + "?" + query;
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (method.equals("GET") && path.equals("/")) {
			Front front = fronts.get(exchange.getRequestHeaders().getFirst("Host"));
			if (front != null) {
				reply(exchange, front.status(), front.body());
				return;
			}
			reply(exchange, 200, "<h1>front page of " + exchange.getRequestHeaders().getFirst("Host") + "</h1>");
			return;
		}
		if (StandInTls.isValidation(method, path)) {
			String answer = tls.validation(path);
			reply(exchange, answer == null ? 404 : 200, answer == null ? "not found" : answer);
			return;
		}
		try {
			verifier.verify(method, pathAndQuery, body, exchange.getRequestHeaders()::getFirst);
		}
		catch (SignatureRejectedException ex) {
			reply(exchange, 401, "{\"error\":\"" + ex.getMessage() + "\"}");
			return;
		}
		calls.add(method + " " + pathAndQuery + " " + new String(body, StandardCharsets.UTF_8));
		int tlsStatus = tls.handle(method, path, body);
		if (tlsStatus != 0) {
			reply(exchange, tlsStatus, tlsStatus == 200 ? "{\"status\":\"applied\"}" : "{\"error\":\"refused\"}");
			return;
		}
		if (FakeSiteFiles.handles(path)) {
			FakeSiteFiles.Reply reply = files.handle(method, path, query, body);
			exchange.getResponseHeaders().set("Content-Type", reply.contentType());
			reply.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
			exchange.getResponseBody().write(reply.body());
			exchange.close();
			return;
		}
		if (method.equals("GET") && (path.equals("/sites") || path.equals("/routes"))) {
			reply(exchange, 200, JSON.writeValueAsString(Map.of("ids", path.equals("/sites") ? served : routed)));
			return;
		}
		if (method.equals("DELETE") && path.matches("/sites/\\d+/serving")) {
			long id = Long.parseLong(path.split("/")[2]);
			reply(exchange, 200, JSON.writeValueAsString(Map.of("siteId", id, "status", "retired", "changes",
					served.remove(id) ? List.of("The service of site " + id + ", which no longer exists, was removed.")
							: List.of())));
			return;
		}
		if (method.equals("DELETE") && path.matches("/routes/\\d+")) {
			long id = Long.parseLong(path.split("/")[2]);
			reply(exchange, 200, JSON.writeValueAsString(Map.of("siteId", id, "status", "removed", "changes",
					routed.remove(id) ? List.of("The route of site " + id + " was removed.") : List.of())));
			return;
		}
		if (method.equals("GET") && path.equals("/metrics")) {
			// The components' own are read in the end-to-end journey.
			if (metricsDown.get()) {
				reply(exchange, 503, "{\"error\":\"down\"}");
				return;
			}
			reply(exchange, 200, "# HELP standin_calls_total Calls.\n# TYPE standin_calls_total counter\n"
					+ "standin_calls_total " + calls.size() + "\n");
			return;
		}
		if (method.equals("GET") && path.equals("/health")) {
			reply(exchange, 200, "{\"status\":\"UP\",\"started\":\"" + started.get() + "\"}");
			return;
		}
		if (method.equals("GET") && path.equals("/images")) {
			if (runtimesDown.get()) {
				reply(exchange, 503, "{\"error\":\"down\"}");
				return;
			}
			reply(exchange, 200, "[{\"image\":\"director/runtime-extra:1\",\"runtime\":\"extra\"},"
					+ "{\"image\":\"director/runtime-plain:3\",\"runtime\":\"plain\"},"
					+ "{\"image\":\"director/runtime-python:3\",\"runtime\":\"python\"}]");
			return;
		}
		if (method.equals("POST") && path.matches("/sites/\\d+/image")) {
			build(exchange, Long.parseLong(path.split("/")[2]), body);
			return;
		}
		if (method.equals("GET") && path.matches("/sites/\\d+/image/log")) {
			String log = buildLogs.get(Long.parseLong(path.split("/")[2]));
			if (log == null) {
				reply(exchange, 404, "{\"error\":\"no build log\"}");
			}
			else {
				exchange.getResponseHeaders().set("Content-Type", "text/plain");
				reply(exchange, 200, log);
			}
			return;
		}
		if (method.equals("GET") && path.matches("/sites/\\d+/process")) {
			reply(exchange, 200, "{\"state\":\"crashed\",\"since\":\"2026-01-02T03:04:05Z\",\"exitCode\":127,"
					+ "\"message\":\"no run.sh\"}");
			return;
		}
		if (method.equals("GET") && path.matches("/sites/\\d+/disk")) {
			disk(exchange, Long.parseLong(path.split("/")[2]));
			return;
		}
		if (method.equals("GET") && path.matches("/sites/\\d+/process/logs")) {
			reply(exchange, 200, "no executable run.sh <found>\n");
			return;
		}
		if (method.equals("PUT") && (path.equals("/sites") || path.equals("/routes"))) {
			batch(exchange, path, body);
			return;
		}
		if (path.startsWith("/sites/") && method.equals("PUT") && orchestratorDown.getAndDecrement() > 0) {
			reply(exchange, 503, "{\"error\":\"starting\"}");
			return;
		}
		if (path.startsWith("/sites/") && method.equals("PUT") && orchestratorFailures.getAndDecrement() > 0) {
			reply(exchange, 422, "{\"error\":\"nginx says no\"}");
			return;
		}
		String drift = method.equals("PUT") ? driftOnce.remove(path) : null;
		reply(exchange, 200, drift == null ? "{\"status\":\"applied\",\"changes\":[]}"
				: JSON.writeValueAsString(Map.of("status", "applied", "changes", List.of(drift))));
	}

	/**
	 * Answers a batch of specs or routes as the components do, one outcome for each site in order, with the same
	 * failures and drift as a PUT of each site alone.
	 */
	private void batch(HttpExchange exchange, String path, byte[] body) throws IOException {
		boolean specs = path.equals("/sites");
		if (specs && orchestratorDown.getAndDecrement() > 0) {
			reply(exchange, 503, "{\"error\":\"starting\"}");
			return;
		}
		if (specs) {
			int now = batchesNow.incrementAndGet();
			mostBatchesAtOnce.accumulateAndGet(now, Math::max);
			try {
				Thread.sleep(batchMillis.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				batchesNow.decrementAndGet();
			}
		}
		ArrayNode answer = JSON.createArrayNode();
		for (JsonNode item : JSON.readTree(body)) {
			long id = item.get(specs ? "id" : "siteId").asLong();
			ObjectNode outcome = answer.addObject().put("siteId", id);
			if (specs && orchestratorFailures.getAndDecrement() > 0) {
				outcome.put("problem", "nginx says no");
				continue;
			}
			String drift = driftOnce.remove(path + "/" + id);
			outcome.set("changes", drift == null ? JSON.createArrayNode() : JSON.createArrayNode().add(drift));
		}
		reply(exchange, 200, JSON.writeValueAsString(answer));
	}

	/** Answers a site's disk use as the orchestrator does, as {@code {"usedBytes":N,"limitBytes":N or null}}. */
	private void disk(HttpExchange exchange, long siteId) throws IOException {
		if (disksFailing.contains(siteId)) {
			reply(exchange, 500, "{\"error\":\"du failed\"}");
			return;
		}
		DiskUsage usage = disks.getOrDefault(siteId, new DiskUsage(0, 1024L * 1024 * 1024));
		reply(exchange, 200, "{\"usedBytes\":" + usage.usedBytes() + ",\"limitBytes\":" + usage.limitBytes() + "}");
	}

	/**
	 * Answers a build as the orchestrator does: the base when there is nothing to add, a tag named after the
	 * recipe otherwise, and a failure with a log when a package is named {@value #FAILING_PACKAGE}.
	 */
	private void build(HttpExchange exchange, long siteId, byte[] body) throws IOException {
		JsonNode recipe = JSON.readTree(body);
		String base = recipe.get("base").asText();
		List<String> packages = new ArrayList<>();
		recipe.get("packages").forEach(name -> packages.add(name.asText()));
		String setup = recipe.path("setup").asText("");
		ObjectNode answer = JSON.createObjectNode();
		if (packages.contains(FAILING_PACKAGE)) {
			String log = "Step 4/7 : RUN apt-get update && apt-get install -y " + String.join(" ", packages) + "\n"
					+ "E: Unable to locate package " + FAILING_PACKAGE + "\n";
			buildLogs.put(siteId, log);
			String message = "The image build failed: The command returned a non-zero code: 100";
			answer.put("error", message).put("message", message).put("log", log);
			reply(exchange, 422, JSON.writeValueAsString(answer));
			return;
		}
		if (packages.isEmpty() && setup.isBlank()) {
			answer.put("image", base).put("built", false).put("log", "");
		}
		else {
			String image = "director/site-" + siteId + ":" + String.format("%012x",
					(base + "\u0000" + setup + "\u0000" + String.join(" ", packages)).hashCode() & 0xffffffffL);
			String log = "Building " + image + " on " + base + "\nSetting up " + String.join(", ", packages)
					+ "\nBuilt " + image + ".\n";
			buildLogs.put(siteId, log);
			answer.put("image", image).put("built", true).put("log", log);
		}
		reply(exchange, 200, JSON.writeValueAsString(answer));
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	/**
	 * What the front door answers for a host.
	 * @param status the HTTP status
	 * @param body the page
	 */
	record Front(int status, String body) {
	}

	@Override
	public void afterAll(ExtensionContext context) {
		server.stop(0);
		handlers.shutdownNow();
	}

}
