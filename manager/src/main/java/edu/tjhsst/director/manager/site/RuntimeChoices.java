package edu.tjhsst.director.manager.site;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.runtime.RuntimeRepository;
import edu.tjhsst.director.manager.runtime.SiteRuntime;

/** The runtimes a new or changed site may choose: those administrators have not hidden. */
@Component
class RuntimeChoices {

	static final String UNAVAILABLE = "No runtimes are offered right now, so sites with a process cannot be created."
			+ " A static site can; ask an administrator.";

	private final RuntimeRepository runtimes;

	RuntimeChoices(RuntimeRepository runtimes) {
		this.runtimes = runtimes;
	}

	/** What is wrong with choosing this runtime, or empty when it is on offer. */
	Optional<String> problem(String runtime) {
		List<SiteRuntime> offered = offered();
		if (offered.isEmpty()) {
			return Optional.of(UNAVAILABLE);
		}
		if (runtime.isEmpty()) {
			return Optional.of("Choose the runtime your site's process runs in.");
		}
		if (offered.stream().noneMatch(choice -> choice.name().equals(runtime))) {
			return Optional.of("Choose one of the runtimes listed.");
		}
		return Optional.empty();
	}

	/** The runtimes on offer, in the order administrators set. */
	List<SiteRuntime> offered() {
		return runtimes.findOffered();
	}

}
