package edu.tjhsst.director.orchestrator.database;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on until there have been as many as the cap; then refuses any more. */
final class CappedOutputStream extends FilterOutputStream {

	private final long cap;

	private long written;

	CappedOutputStream(OutputStream out, long cap) {
		super(out);
		this.cap = cap;
	}

	@Override
	public void write(int b) throws IOException {
		count(1);
		out.write(b);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		count(len);
		out.write(b, off, len);
	}

	private void count(int more) throws CapReachedException {
		if (written + more > cap) {
			throw new CapReachedException();
		}
		written += more;
	}

	/** More bytes than the cap were offered. */
	static final class CapReachedException extends IOException {

		private static final long serialVersionUID = 1L;

		CapReachedException() {
			super("more bytes than the cap");
		}

	}

}
