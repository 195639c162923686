package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.signing.SignedClient;

/**
 * Reads and changes a site's files through the orchestrator's file API; paths are relative to the site's
 * directory and the orchestrator decides what they may reach. Errors throw {@link ComponentCallException}.
 */
public class SiteFilesClient {

	private final SignedClient client;

	private final ObjectMapper json;

	SiteFilesClient(SignedClient client, ObjectMapper json) {
		this.client = client;
		this.json = json;
	}

	/** One directory's entries: {@code {"path", "entries": [{"name","path","type","size","mode","modified"}]}}. */
	public JsonNode list(long siteId, String path) {
		return read(client.get(files(siteId, "/list?path=" + encode(path))));
	}

	/** Every entry of the site, directories before their children: {@code {"entries": [...], "truncated"}}. */
	public JsonNode tree(long siteId) {
		return read(client.get(files(siteId, "/tree")));
	}

	/** A file to edit, with its version token; 413 when it is too large for the editor. */
	public FileContent content(long siteId, String path) {
		HttpResponse<InputStream> response = client.exchange("GET", files(siteId, "/content?path=" + encode(path)),
				new byte[0], null);
		byte[] bytes = drain(response);
		return new FileContent(bytes, response.headers().firstValue("X-File-Version").orElse(""),
				response.headers().firstValue("X-File-Binary").map("true"::equalsIgnoreCase).orElse(false));
	}

	/** Any file's bytes, streamed. */
	public FileDownload download(long siteId, String path) {
		return stream(files(siteId, "/download?path=" + encode(path)));
	}

	/**
	 * Writes a file and returns its new version.
	 * @param version the version it was opened at, or null to create or overwrite whatever is there
	 */
	public String save(long siteId, String path, byte[] body, String version) {
		String query = "/content?path=" + encode(path) + (version == null ? "" : "&version=" + encode(version));
		HttpResponse<InputStream> response = client.exchange("PUT", files(siteId, query), body,
				"application/octet-stream");
		return read(new String(drain(response), StandardCharsets.UTF_8)).path("version").asText("");
	}

	public void mkdir(long siteId, String path) {
		call("POST", files(siteId, "/mkdir?path=" + encode(path)));
	}

	public void move(long siteId, String from, String to) {
		call("POST", files(siteId, "/move?from=" + encode(from) + "&to=" + encode(to)));
	}

	public void delete(long siteId, String path, boolean recursive) {
		call("DELETE", "/sites/" + siteId + "/files?path=" + encode(path) + "&recursive=" + recursive);
	}

	/** Sets permission bits such as {@code 755}; the orchestrator refuses setuid, setgid and sticky. */
	public void chmod(long siteId, String path, String mode) {
		call("POST", files(siteId, "/chmod?path=" + encode(path) + "&mode=" + encode(mode)));
	}

	/** A directory as a zip archive, streamed. */
	public FileDownload zip(long siteId, String path) {
		return stream(files(siteId, "/zip?path=" + encode(path)));
	}

	/** {@code {"bytes": N, "files": N}}. */
	public JsonNode usage(long siteId) {
		return read(client.get(files(siteId, "/usage")));
	}

	/** A value that changes whenever anything in the site's directory changes. */
	public String fingerprint(long siteId) {
		return read(client.get(files(siteId, "/fingerprint"))).path("fingerprint").asText("");
	}

	private static String files(long siteId, String rest) {
		return "/sites/" + siteId + "/files" + rest;
	}

	/** A query value encoded as the orchestrator signs and decodes it: spaces as {@code %20}, never {@code +}. */
	static String encode(String value) {
		return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private void call(String method, String path) {
		drain(client.exchange(method, path, new byte[0], null));
	}

	private FileDownload stream(String path) {
		HttpResponse<InputStream> response = client.exchange("GET", path, new byte[0], null);
		return new FileDownload(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
	}

	private static byte[] drain(HttpResponse<InputStream> response) {
		try (InputStream in = response.body()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "lost the connection to the app server: " + ex.getMessage());
		}
	}

	private JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the app server answered with something other than JSON", ex);
		}
	}

}
