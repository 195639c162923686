package edu.tjhsst.director.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a component's metrics as Prometheus does: with the Prometheus client library's own parser of the text format
 * (Debian's {@code python3-prometheus-client}, which {@code ./director test} installs), failing on what it refuses.
 */
public final class PrometheusText {

	/** Debian's Python, where python3-prometheus-client is. */
	private static final String PYTHON = "/usr/bin/python3";

	private static final String PARSE = String.join("\n",
			"import sys",
			"from prometheus_client.parser import text_string_to_metric_families",
			"for family in text_string_to_metric_families(sys.stdin.read()):",
			"    for sample in family.samples:",
			"        labels = ','.join(k + '=' + v for k, v in sorted(sample.labels.items()))",
			"        value = sample.value",
			"        print(sample.name + '{' + labels + '} ' + ('NaN' if value != value else repr(float(value))"
					+ ".replace('inf', 'Infinity')))");

	private PrometheusText() {
	}

	/** Each sample as Prometheus's parser reads it: {@code name{label=value,...}} (labels sorted) to its value. */
	public static Map<String, Double> parse(String exposition) throws Exception {
		Process python = new ProcessBuilder(PYTHON, "-c", PARSE).redirectErrorStream(true).start();
		try (OutputStream in = python.getOutputStream()) {
			in.write(exposition.getBytes(StandardCharsets.UTF_8));
		}
		String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue()).as("Prometheus's parser: %s", printed).isZero();
		Map<String, Double> samples = new HashMap<>();
		for (String line : printed.strip().split("\n")) {
			int space = line.lastIndexOf(' ');
			samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		}
		return samples;
	}

}
