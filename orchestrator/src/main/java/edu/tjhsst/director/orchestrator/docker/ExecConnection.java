package edu.tjhsst.director.orchestrator.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attached streams of one started exec, over a connection of its own to the Docker engine ({@code POST
 * /exec/{id}/start} upgraded to a raw stream). docker-java's transport cannot half-close its stdin, so a process
 * reading its input to the end would never see it end; here the end of input is a half-close, as in {@code docker
 * exec -i}. Reading and writing may happen on two threads at once.
 */
public final class ExecConnection implements Closeable {

	/** Receives output: the stream (1 standard output, 2 standard error) and its bytes. */
	public interface Sink {

		void accept(byte stream, byte[] bytes) throws IOException;

	}

	private static final int CHUNK = 32 * 1024;

	private static final int MAX_HEADER = 16 * 1024;

	private final SocketChannel channel;

	private final boolean tty;

	private final Object writeLock = new Object();

	private ExecConnection(SocketChannel channel, boolean tty) {
		this.channel = channel;
		this.tty = tty;
	}

	/**
	 * Starts a created exec and attaches to it.
	 * @param dockerHost {@code unix:///path} or {@code tcp://host:port} (no TLS)
	 * @param apiVersion such as {@code 1.41}
	 * @throws IOException when the engine cannot be reached or refuses to start the exec
	 */
	static ExecConnection start(String dockerHost, String apiVersion, String execId, boolean tty) throws IOException {
		if (!execId.matches("^[0-9a-f]{1,128}$")) {
			throw new IllegalArgumentException("not an exec id");
		}
		SocketChannel channel = connect(URI.create(dockerHost));
		try {
			byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.US_ASCII);
			String head = "POST /v" + apiVersion + "/exec/" + execId + "/start HTTP/1.1\r\n" + "Host: docker\r\n"
					+ "Content-Type: application/json\r\n" + "Connection: Upgrade\r\n" + "Upgrade: tcp\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n";
			ExecConnection connection = new ExecConnection(channel, tty);
			connection.writeAll(head.getBytes(StandardCharsets.US_ASCII));
			connection.writeAll(body);
			String response = connection.readHead();
			int status = Integer.parseInt(response.substring(9, 12));
			if (status != 101 && status != 200) {
				throw new IOException("the engine refused to start the exec: " + response.lines().findFirst().orElse(""));
			}
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex instanceof IOException io ? io : new IOException("unexpected answer from the engine", ex);
		}
	}

	private static SocketChannel connect(URI host) throws IOException {
		if ("unix".equals(host.getScheme())) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(host.getPath()));
			return channel;
		}
		if ("tcp".equals(host.getScheme())) {
			return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
		}
		throw new IOException("terminals need a unix:// or tcp:// Docker host, not " + host.getScheme());
	}

	/** The response's status line and headers, read byte by byte so that nothing of the stream is taken. */
	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		ByteBuffer one = ByteBuffer.allocate(1);
		while (head.size() < MAX_HEADER) {
			one.clear();
			if (channel.read(one) < 0) {
				throw new EOFException("the engine closed the connection");
			}
			head.write(one.get(0));
			byte[] bytes = head.toByteArray();
			int n = bytes.length;
			if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
				return new String(bytes, StandardCharsets.ISO_8859_1);
			}
		}
		throw new IOException("the engine's answer has no end of headers");
	}

	/** Sends input to the process. */
	public void write(byte[] bytes) throws IOException {
		writeAll(bytes);
	}

	private void writeAll(byte[] bytes) throws IOException {
		synchronized (writeLock) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
		}
	}

	/** Ends the process's input, as the end of a file or a pipe would. */
	public void closeInput() throws IOException {
		synchronized (writeLock) {
			channel.shutdownOutput();
		}
	}

	/** Gives the sink all output until the process's output ends (or the connection is closed). */
	public void pump(Sink sink) throws IOException {
		if (tty) {
			ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
			while (true) {
				buffer.clear();
				int read = channel.read(buffer);
				if (read < 0) {
					return;
				}
				if (read > 0) {
					sink.accept((byte) 1, Arrays.copyOf(buffer.array(), read));
				}
			}
		}
		// Without a terminal the engine multiplexes: 8-byte headers (stream, 0, 0, 0, big-endian length), then data.
		ByteBuffer header = ByteBuffer.allocate(8);
		while (true) {
			header.clear();
			if (!readFully(header)) {
				return;
			}
			byte stream = header.get(0);
			long length = Integer.toUnsignedLong(header.getInt(4));
			while (length > 0) {
				ByteBuffer data = ByteBuffer.allocate((int) Math.min(length, CHUNK));
				if (!readFully(data)) {
					return;
				}
				length -= data.capacity();
				if (stream == 1 || stream == 2) {
					sink.accept(stream, data.array());
				}
			}
		}
	}

	private boolean readFully(ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

}
