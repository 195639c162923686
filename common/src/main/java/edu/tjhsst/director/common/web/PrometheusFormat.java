package edu.tjhsst.director.common.web;

/** Prometheus's text exposition format, as every component's metrics are answered in it. */
public final class PrometheusFormat {

	/** The media type Prometheus asks for and parses. */
	public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

	private PrometheusFormat() {
	}

}
