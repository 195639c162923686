package edu.tjhsst.director.manager.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteResources;
import edu.tjhsst.director.manager.site.SiteSettings;

/**
 * The site settings form as typed: CPU in cores ({@code 0.5}), sizes with an optional unit ({@code 256M},
 * {@code 1G}; a bare number is MiB), a process count, disk space and an availability. A blank field takes the
 * default.
 */
record SiteSettingsForm(String cpu, String memory, String pids, String maxBody, String disk, String availability) {

	private static final Pattern CORES = Pattern.compile("^([0-9]{1,6})(?:\\.([0-9]{1,3}))?$");

	/**
	 * Digits, an optional fraction and an optional binary unit (K, M, G, T or P, with or without {@code iB}/{@code B});
	 * P is understood only to say it is too much, and T fits only disk space (1T is its most).
	 */
	private static final Pattern SIZE = Pattern
		.compile("^([0-9]{1,9})(?:\\.([0-9]{1,3}))?\\s?(?:([KMGTP])I?B?)?$", Pattern.CASE_INSENSITIVE);

	private static final Pattern COUNT = Pattern.compile("^[0-9]{1,9}$");

	/** Units in KiB, so that a fraction of a MiB can be told apart. */
	private static final Map<String, Long> KIB_PER_UNIT = Map.of("K", 1L, "M", 1024L, "G", 1024L * 1024,
			"T", 1024L * 1024 * 1024, "P", 1024L * 1024 * 1024 * 1024);

	/** The form filled in with a site's current settings. */
	static SiteSettingsForm of(Site site) {
		SiteLimits limits = site.limits();
		return new SiteSettingsForm(SiteResources.cores(limits.cpuMillis()), size(limits.memoryMiB()),
				Long.toString(limits.pids()), size(limits.maxBodyMiB()), size(limits.diskMiB()), site.availability().name());
	}

	/** The platform's defaults, in the form's units. */
	static SiteSettingsForm defaults() {
		SiteLimits limits = SiteLimits.DEFAULTS;
		return new SiteSettingsForm(SiteResources.cores(limits.cpuMillis()), size(limits.memoryMiB()),
				Long.toString(limits.pids()), size(limits.maxBodyMiB()), size(limits.diskMiB()), SiteAvailability.ENABLED.name());
	}

	/** The settings, or every field's problem as a sentence to show next to it. */
	Parsed parse() {
		Map<String, String> errors = new LinkedHashMap<>();
		Long cpuMillis = field(errors, "cpu", () -> cpuMillis(cpu));
		Long memoryMiB = field(errors, "memory", () -> mebibytes("Memory", memory, SiteLimits.MIN_MEMORY_MIB,
				SiteLimits.MAX_MEMORY_MIB));
		Long pidCount = field(errors, "pids", () -> count(pids));
		Long maxBodyMiB = field(errors, "maxBody", () -> mebibytes("The maximum request body", maxBody,
				SiteLimits.MIN_BODY_MIB, SiteLimits.MAX_BODY_MIB));
		Long diskMiB = field(errors, "disk", () -> mebibytes("Disk space", "500M or 2G", disk, SiteLimits.MIN_DISK_MIB,
				SiteLimits.MAX_DISK_MIB));
		SiteAvailability chosen = null;
		try {
			chosen = SiteAvailability.valueOf(availability == null ? "" : availability.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.put("availability", "Choose whether the site is enabled, not served or disabled.");
		}
		if (!errors.isEmpty()) {
			return new Parsed(null, errors);
		}
		return new Parsed(new SiteSettings(cpuMillis, memoryMiB, pidCount, maxBodyMiB, diskMiB, chosen), Map.of());
	}

	static Long cpuMillis(String text) {
		if (blank(text)) {
			return null;
		}
		Matcher matcher = CORES.matcher(text.strip());
		if (!matcher.matches()) {
			throw new Invalid("CPU must be a number of cores such as 0.5 or 2.");
		}
		long millis = new BigDecimal(text.strip()).movePointRight(3).longValueExact();
		if (millis < SiteLimits.MIN_CPU_MILLIS) {
			throw new Invalid("CPU must be at least " + SiteResources.cores(SiteLimits.MIN_CPU_MILLIS) + " cores.");
		}
		if (millis > SiteLimits.MAX_CPU_MILLIS) {
			throw new Invalid("CPU must be at most " + SiteResources.cores(SiteLimits.MAX_CPU_MILLIS) + " cores.");
		}
		return millis;
	}

	/** A size in whole MiB between the bounds; {@code what} starts the message. */
	static Long mebibytes(String what, String text, long min, long max) {
		return mebibytes(what, "256M or 1G", text, min, max);
	}

	/**
	 * A size in whole MiB between the bounds; {@code what} starts the message and {@code examples} are sizes that
	 * fit the field, for the message when the text is not a size at all.
	 */
	static Long mebibytes(String what, String examples, String text, long min, long max) {
		if (blank(text)) {
			return null;
		}
		Matcher matcher = SIZE.matcher(text.strip());
		if (!matcher.matches()) {
			throw new Invalid(what + " must be a size such as " + examples + ".");
		}
		String unit = matcher.group(3) == null ? "M" : matcher.group(3).toUpperCase(Locale.ROOT);
		BigDecimal number = new BigDecimal(matcher.group(1) + (matcher.group(2) == null ? "" : "." + matcher.group(2)));
		BigDecimal mib = number.multiply(BigDecimal.valueOf(KIB_PER_UNIT.get(unit)))
			.divide(BigDecimal.valueOf(1024), 6, RoundingMode.DOWN);
		if (mib.compareTo(BigDecimal.valueOf(max)) > 0) {
			throw new Invalid(what + " must be at most " + size(max) + ".");
		}
		if (mib.compareTo(BigDecimal.valueOf(min)) < 0) {
			throw new Invalid(what + " must be at least " + size(min) + ".");
		}
		if (mib.stripTrailingZeros().scale() > 0) {
			throw new Invalid(what + " must be a whole number of MiB, such as " + mib.longValue() + "M.");
		}
		return mib.longValueExact();
	}

	static Long count(String text) {
		if (blank(text)) {
			return null;
		}
		if (!COUNT.matcher(text.strip()).matches()) {
			throw new Invalid("Processes must be a whole number such as 128.");
		}
		long count = Long.parseLong(text.strip());
		if (count < SiteLimits.MIN_PIDS || count > SiteLimits.MAX_PIDS) {
			throw new Invalid("Processes must be between " + SiteLimits.MIN_PIDS + " and " + SiteLimits.MAX_PIDS + ".");
		}
		return count;
	}

	/** MiB as the shortest exact size, such as {@code 256M} or {@code 1G}. */
	static String size(long mib) {
		return mib % 1024 == 0 ? mib / 1024 + "G" : mib + "M";
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	private static Long field(Map<String, String> errors, String name, Supplier<Long> parse) {
		try {
			return parse.get();
		}
		catch (Invalid ex) {
			errors.put(name, ex.getMessage());
			return null;
		}
	}

	/**
	 * The outcome of reading the form.
	 * @param settings the settings, or null when a field is wrong
	 * @param errors each wrong field's message, by field name
	 */
	record Parsed(SiteSettings settings, Map<String, String> errors) {
	}

	/** One field's problem, as the sentence to show next to it. */
	static final class Invalid extends RuntimeException {

		Invalid(String message) {
			super(message);
		}

	}

}
