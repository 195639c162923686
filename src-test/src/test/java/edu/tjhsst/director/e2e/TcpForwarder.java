package edu.tjhsst.director.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts connections on one address and relays each to a target, both ways. The machine's MariaDB listens on
 * loopback only, where site containers cannot reach it; the test puts this on the Docker bridge's gateway in front
 * of it. A real operator would set MariaDB's {@code bind-address} to an address containers reach instead.
 */
final class TcpForwarder implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	/**
	 * Starts accepting on {@code port} of {@code address}, relaying to {@code target}. The port is chosen before the
	 * platform starts, so that its firewall lets sites reach it ({@code DIRECTOR_SITES_HOST_PORTS}).
	 */
	TcpForwarder(String address, int port, InetSocketAddress target) throws IOException {
		this.server = new ServerSocket(port, 50, InetAddress.getByName(address));
		this.target = target;
		Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket upstream = new Socket();
				try {
					upstream.connect(target, 5000);
				}
				catch (IOException ex) {
					client.close();
					upstream.close();
					continue;
				}
				open.add(client);
				open.add(upstream);
				relay(client, upstream);
				relay(upstream, client);
			}
			catch (IOException ex) {
				// closed, or one failed connection: the next accept decides
			}
		}
	}

	/** Copies one direction until either side ends, then closes both. */
	private void relay(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// the other direction closed the sockets
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-forwarder-relay");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
		open.remove(socket);
	}

	@Override
	public void close() throws IOException {
		server.close();
		open.forEach(this::closeQuietly);
	}

}
