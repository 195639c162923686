package edu.tjhsst.director.common.nginx;

/** Tests configurations with and reloads one running Nginx, wherever it runs (host process or container). */
public interface NginxControl {

	/**
	 * Runs {@code nginx -t} on a main config file.
	 * @param mainConfig the file's path as the Nginx process sees it
	 * @throws NginxRejectedException with Nginx's own message when the config is refused
	 */
	void test(String mainConfig);

	/** Makes Nginx load its current configuration without dropping connections. */
	void reload();

}
