package edu.tjhsst.director.orchestrator.file;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts as people read them in error messages. */
final class Sizes {

	private static final BigDecimal MEBIBYTE = BigDecimal.valueOf(1024 * 1024);

	private Sizes() {
	}

	/** Mebibytes rounded up to one decimal, without a trailing {@code .0}: {@code 6}, {@code 0.1}, {@code 5.5}. */
	static String mebibytes(long bytes) {
		return BigDecimal.valueOf(bytes).divide(MEBIBYTE, 1, RoundingMode.UP).stripTrailingZeros().toPlainString();
	}

}
