package edu.tjhsst.director.manager.site;

import java.util.List;

/**
 * The "Resources" form as sent: a CPU share in thousandths of a core and a PHP worker count, each one of the values
 * the page offered.
 */
record ResourcesForm(String cpu, String phpWorkers) {

	/** The number sent, if it is one of the choices; null otherwise. */
	static Long choice(String text, List<Long> choices) {
		if (text == null || !text.strip().matches("[0-9]{1,6}")) {
			return null;
		}
		long value = Long.parseLong(text.strip());
		return choices.contains(value) ? value : null;
	}

}
