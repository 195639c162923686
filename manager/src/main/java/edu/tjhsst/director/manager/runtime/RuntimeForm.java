package edu.tjhsst.director.manager.runtime;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.common.site.SiteSpec;

/** What an administrator fills in to add or change a runtime; every field passes a whitelist before it is stored. */
record RuntimeForm(String name, String title, String description, String baseImage, String setupCommands,
		Boolean hidden) {

	private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");

	static RuntimeForm empty() {
		return new RuntimeForm("", "", "", "", "", false);
	}

	static RuntimeForm of(SiteRuntime runtime) {
		return new RuntimeForm(runtime.name(), runtime.title(), runtime.description(), runtime.baseImage(),
				runtime.setupCommands(), runtime.hidden());
	}

	/** Whether the box was ticked; an unticked box sends nothing. */
	boolean isHidden() {
		return Boolean.TRUE.equals(hidden);
	}

	String trimmedName() {
		return name == null ? "" : name.strip();
	}

	/** The runtime this form describes, with its fields trimmed and line endings made Unix ones. */
	SiteRuntime toRuntime(String fixedName) {
		return new SiteRuntime(fixedName, strip(title), strip(description), strip(baseImage),
				setupCommands == null ? "" : setupCommands.replace("\r\n", "\n").replace('\r', '\n'), isHidden(), 0);
	}

	/**
	 * Rejects every bad field; the name only when it is being chosen.
	 * @param images the runtime images the app server has, or null when it could not be asked
	 * @param currentImage the image the runtime has now, always allowed to stay, or null for a new one
	 */
	void validate(Errors errors, boolean newName, List<String> images, String currentImage) {
		if (newName && !NAME.matcher(trimmedName()).matches()) {
			errors.rejectValue("name", "invalid",
					"A runtime name has 1 to 32 lowercase letters, digits and hyphens, starting with a letter.");
		}
		SiteRuntime runtime = toRuntime(trimmedName());
		if (runtime.title().isEmpty() || runtime.title().length() > 64 || hasControl(runtime.title())) {
			errors.rejectValue("title", "invalid", "Enter a title of at most 64 characters on one line.");
		}
		if (runtime.description().isEmpty() || runtime.description().length() > 400
				|| hasControl(runtime.description())) {
			errors.rejectValue("description", "invalid", "Enter a description of at most 400 characters on one line.");
		}
		String image = runtime.baseImage();
		if (image.length() > 200 || !SiteSpec.IMAGE.matcher(image).matches()) {
			errors.rejectValue("baseImage", "invalid", "Choose one of the app server's runtime images.");
		}
		else if (!image.equals(currentImage) && images != null && !images.contains(image)) {
			errors.rejectValue("baseImage", "invalid", "Choose one of the app server's runtime images.");
		}
		else if (!image.equals(currentImage) && images == null) {
			errors.rejectValue("baseImage", "unavailable",
					"The app server's images could not be listed, so the image cannot be changed right now.");
		}
		new ImageRecipe(SiteSpec.IMAGE.matcher(image).matches() ? image : "director/x:1", runtime.setupCommands(),
				List.of()).problems().forEach(problem -> errors.rejectValue("setupCommands", "invalid",
						"The " + problem + "."));
	}

	private static String strip(String text) {
		return text == null ? "" : text.strip();
	}

	private static boolean hasControl(String text) {
		return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
	}

}
