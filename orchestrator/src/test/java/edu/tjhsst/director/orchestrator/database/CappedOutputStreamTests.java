package edu.tjhsst.director.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class CappedOutputStreamTests {

	@Test
	void bytesUpToTheCapPassAndTheFirstBeyondItIsRefusedWithNothingOfItWritten() throws IOException {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		CappedOutputStream capped = new CappedOutputStream(sink, 10);

		capped.write(new byte[] { 1, 2, 3, 4, 5, 6 });
		capped.write(7);
		capped.write(new byte[] { 8, 9, 10 }, 0, 3);

		assertThatThrownBy(() -> capped.write(new byte[] { 11, 12 }, 0, 2))
			.isInstanceOf(CappedOutputStream.CapReachedException.class);
		assertThatThrownBy(() -> capped.write(11)).isInstanceOf(CappedOutputStream.CapReachedException.class);
		assertThat(sink.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	}

}
