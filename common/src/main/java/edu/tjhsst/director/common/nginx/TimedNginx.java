package edu.tjhsst.director.common.nginx;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * An Nginx whose tests and reloads are timed, by outcome: {@code director_nginx_tests_seconds} and
 * {@code director_nginx_reloads_seconds}, tagged with which Nginx it is ({@code appserver}, {@code router}) and
 * {@code result} ({@code accepted}, {@code refused}, {@code failed} for a test; {@code done}, {@code failed} for a
 * reload). A reload's time is what every change waits for before it is live.
 */
public final class TimedNginx implements NginxControl {

	private final NginxControl nginx;

	private final MeterRegistry registry;

	private final String name;

	public TimedNginx(NginxControl nginx, MeterRegistry registry, String name) {
		this.nginx = nginx;
		this.registry = registry;
		this.name = name;
	}

	@Override
	public void test(String mainConfig) {
		Timer.Sample sample = Timer.start(registry);
		String result = "failed";
		try {
			nginx.test(mainConfig);
			result = "accepted";
		}
		catch (NginxRejectedException ex) {
			result = "refused";
			throw ex;
		}
		finally {
			sample.stop(timer("director.nginx.tests", result));
		}
	}

	@Override
	public void reload() {
		Timer.Sample sample = Timer.start(registry);
		String result = "failed";
		try {
			nginx.reload();
			result = "done";
		}
		finally {
			sample.stop(timer("director.nginx.reloads", result));
		}
	}

	private Timer timer(String metric, String result) {
		return Timer.builder(metric).tag("nginx", name).tag("result", result).register(registry);
	}

}
