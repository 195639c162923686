package edu.tjhsst.director.common.nginx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests the whole configuration once for a batch of changed site files, and when Nginx refuses it, finds which of
 * them are to blame and puts those back as Nginx last accepted them.
 * <p>
 * One test per batch, not per file: Nginx's test reads every site, so at 10,000 sites a test per change would be
 * most of what the change costs, and a test per file would take hours to apply them all. A refusal is rare (every
 * file comes from a template fed checked values), so finding the culprits may cost more: first the file that Nginx's
 * message names, then halves of the rest, a few tests per culprit.
 */
final class ChangeTrial {

	private static final Logger log = LoggerFactory.getLogger(ChangeTrial.class);

	private final NginxControl nginx;

	private final String mainConfig;

	private final String nginxSitesDir;

	private final LiveFiles files;

	/**
	 * @param mainConfig the main config as Nginx sees it
	 * @param nginxSitesDir the folder of live site files as Nginx sees it, to tell which file a message names
	 */
	ChangeTrial(NginxControl nginx, String mainConfig, String nginxSitesDir, LiveFiles files) {
		this.nginx = nginx;
		this.mainConfig = mainConfig;
		this.nginxSitesDir = nginxSitesDir;
		this.files = files;
	}

	/**
	 * Tests the live configuration with these changes in place.
	 * @return the changes Nginx refuses, each put back as it was accepted, with Nginx's reason; the rest stay live
	 * @throws NginxRejectedException when the configuration is refused without any of the changes, which are then
	 *         not to blame; the caller puts them back too, so that no file Nginx has not accepted stays live
	 */
	Map<String, NginxRejectedException> run(Map<String, PendingChange> changes) {
		NginxRejectedException failure;
		try {
			nginx.test(mainConfig);
			return Map.of();
		}
		catch (NginxRejectedException ex) {
			log.warn("nginx refuses the configuration with {} changed file(s): {}", changes.size(), ex.getMessage());
			failure = ex;
		}
		// Only files written in this batch are on trial: a removed file cannot break what is left.
		Map<String, String> written = new LinkedHashMap<>();
		changes.keySet().forEach(name -> files.read(name).ifPresent(content -> written.put(name, content)));
		written.keySet().forEach(name -> files.put(name, changes.get(name).accepted()));
		nginx.test(mainConfig);
		Map<String, NginxRejectedException> refused = new HashMap<>();
		new Isolation(written, changes, refused).blame(new ArrayList<>(written.keySet()), failure);
		return refused;
	}

	/** One search for the files to blame: their new content, their changes, and what was refused so far. */
	private final class Isolation {

		private final Map<String, String> written;

		private final Map<String, PendingChange> changes;

		private final Map<String, NginxRejectedException> refused;

		Isolation(Map<String, String> written, Map<String, PendingChange> changes,
				Map<String, NginxRejectedException> refused) {
			this.written = written;
			this.changes = changes;
			this.refused = refused;
		}

		/** Puts these files live beside those admitted before, and keeps them if Nginx accepts them all. */
		void admit(List<String> names) {
			if (names.isEmpty()) {
				return;
			}
			names.forEach(name -> files.put(name, Optional.of(written.get(name))));
			try {
				nginx.test(mainConfig);
			}
			catch (NginxRejectedException ex) {
				blame(names, ex);
			}
		}

		/** Nginx refused these files together with those admitted: the one its message names goes, or halves are tried. */
		void blame(List<String> names, NginxRejectedException failure) {
			Optional<String> named = names.stream().filter(name -> names(failure, name)).findFirst();
			if (names.size() == 1 || named.isPresent()) {
				String culprit = named.orElse(names.get(0));
				files.put(culprit, changes.get(culprit).accepted());
				refused.put(culprit, failure);
				log.warn("refused {}: {}", culprit, failure.getMessage());
				List<String> rest = new ArrayList<>(names);
				rest.remove(culprit);
				admit(rest);
				return;
			}
			names.forEach(name -> files.put(name, changes.get(name).accepted()));
			int half = names.size() / 2;
			admit(new ArrayList<>(names.subList(0, half)));
			admit(new ArrayList<>(names.subList(half, names.size())));
		}

	}

	/** Whether Nginx's message points at this live file, as in "... in /etc/nginx/sites/site-5.conf:3". */
	private boolean names(NginxRejectedException failure, String name) {
		String message = failure.getMessage();
		return message != null && message.contains(nginxSitesDir + "/" + name + ":");
	}

}
