package edu.tjhsst.director.common.nginx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests the whole configuration once for a batch of changed site files, and when Nginx refuses it, finds which of
 * them are to blame and puts those back as Nginx last accepted them; then retires the files the accepted ones
 * replace, or, when Nginx could not test at all, puts every written file back.
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
	 * Tests the live configuration, which holds every change's wanted content.
	 * @param mostRefused the most files to find to blame before the trial stops, leaving the files not yet tried as
	 *        they were accepted: a caller that cannot use more (start-up, which then puts everything back) need not
	 *        wait for a test per file when a template is to blame for them all
	 * @return the written files Nginx refuses, each put back as it was accepted, with Nginx's reason; the rest stay
	 *         live. A removal is never refused: taking a file away cannot break what is left.
	 * @throws NginxRejectedException when the configuration is refused without any of the changes, which are then
	 *         not to blame; the written ones are back as accepted, so that no file Nginx has not accepted stays live
	 */
	Map<String, NginxRejectedException> run(Map<String, PendingChange> changes, int mostRefused) {
		NginxRejectedException failure;
		try {
			nginx.test(mainConfig);
			return Map.of();
		}
		catch (NginxRejectedException ex) {
			log.warn("nginx refuses the configuration with {} changed file(s): {}", changes.size(), ex.getMessage());
			failure = ex;
		}
		List<String> written = changes.entrySet().stream().filter(change -> change.getValue().wanted().isPresent())
			.map(Map.Entry::getKey).toList();
		written.forEach(name -> files.put(name, changes.get(name).accepted()));
		nginx.test(mainConfig);
		Map<String, NginxRejectedException> refused = new HashMap<>();
		blame(written, failure, changes, refused, mostRefused);
		return refused;
	}

	/**
	 * Finds the files to blame among those Nginx refused beside the ones admitted before: the one its message names
	 * goes back, or halves are tried one after the other, until every file is admitted or refused. A loop over a
	 * stack, not recursion, so that thousands of culprits cannot overflow the thread's stack.
	 */
	private void blame(List<String> suspects, NginxRejectedException failure, Map<String, PendingChange> changes,
			Map<String, NginxRejectedException> refused, int mostRefused) {
		Deque<Trial> work = new ArrayDeque<>();
		work.push(new Trial(suspects, failure));
		while (!work.isEmpty() && refused.size() <= mostRefused) {
			Trial trial = work.pop();
			List<String> names = trial.names();
			if (names.isEmpty()) {
				continue;
			}
			NginxRejectedException refusal = trial.failure();
			if (refusal == null) {
				names.forEach(name -> files.put(name, changes.get(name).wanted()));
				try {
					nginx.test(mainConfig);
					continue;
				}
				catch (NginxRejectedException ex) {
					refusal = ex;
				}
			}
			NginxRejectedException reason = refusal;
			Optional<String> named = names.stream().filter(name -> names(reason, name)).findFirst();
			if (names.size() == 1 || named.isPresent()) {
				String culprit = named.orElse(names.get(0));
				files.put(culprit, changes.get(culprit).accepted());
				refused.put(culprit, reason);
				log.warn("refused {}: {}", culprit, reason.getMessage());
				List<String> rest = new ArrayList<>(names);
				rest.remove(culprit);
				work.push(new Trial(rest, null));
				continue;
			}
			names.forEach(name -> files.put(name, changes.get(name).accepted()));
			int half = names.size() / 2;
			work.push(new Trial(List.copyOf(names.subList(half, names.size())), null));
			work.push(new Trial(List.copyOf(names.subList(0, half)), null));
		}
	}

	/**
	 * After the test: deletes the files that accepted changes replace, unless a later request in this batch asked
	 * for them. Taking files away cannot break what Nginx accepted.
	 */
	void retireReplaced(Map<String, PendingChange> changes, Set<String> refused) {
		changes.forEach((name, change) -> {
			if (refused.contains(name) || change.wanted().isEmpty()) {
				return;
			}
			for (String replaced : change.replaces()) {
				PendingChange other = changes.get(replaced);
				if (other == null || other.sequence() < change.sequence()) {
					files.delete(replaced);
				}
			}
		});
	}

	/** When Nginx could not test the batch: each file it wrote goes back as Nginx last accepted it. */
	void putBackWritten(Map<String, PendingChange> changes) {
		changes.forEach((name, change) -> {
			if (change.wanted().isPresent()) {
				try {
					files.put(name, change.accepted());
				}
				catch (RuntimeException ex) {
					log.error("cannot put back {}, which Nginx has not accepted", name, ex);
				}
			}
		});
	}

	/** Whether Nginx's message points at this live file, as in "... in /etc/nginx/sites/site-5.conf:3". */
	private boolean names(NginxRejectedException failure, String name) {
		String message = failure.getMessage();
		return message != null && message.contains(nginxSitesDir + "/" + name + ":");
	}

	/** Files to put live and test together, and Nginx's refusal of them when it is known already. */
	private record Trial(List<String> names, NginxRejectedException failure) {
	}

}
