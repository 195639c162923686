package edu.tjhsst.director.common.nginx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The changes taken for one test, and what was live before them of every file the batch may write or delete (each
 * change's file and the files it replaces): readers are told that while the batch is tested, since the disk then holds
 * what Nginx has not accepted yet. A change whose file, or a file it replaces, cannot be read (a folder in its place,
 * bytes that are not UTF-8) is not taken: it fails alone, rather than taking the batch with it.
 * @param changes the changes to test, by file name, in the order they were first asked for
 * @param before each file's live content before the batch, empty where there was none
 * @param unreadable the changes not taken, with why
 */
record TakenBatch(Map<String, PendingChange> changes, Map<String, Optional<String>> before,
		Map<PendingChange, RuntimeException> unreadable) {

	static final TakenBatch NONE = new TakenBatch(Map.of(), Map.of(), Map.of());

	/** Under the directory's lock: takes every pending change, which the caller then clears. */
	static TakenBatch take(Map<String, PendingChange> pending, LiveFiles files) {
		Map<String, PendingChange> changes = new LinkedHashMap<>();
		Map<String, Optional<String>> before = new HashMap<>();
		Map<PendingChange, RuntimeException> unreadable = new HashMap<>();
		pending.forEach((name, change) -> {
			Set<String> touched = new LinkedHashSet<>();
			touched.add(name);
			touched.addAll(change.replaces());
			Map<String, Optional<String>> read = new HashMap<>();
			try {
				for (String file : touched) {
					read.put(file, before.containsKey(file) ? before.get(file) : files.read(file));
				}
			}
			catch (RuntimeException ex) {
				unreadable.put(change, ex);
				return;
			}
			before.putAll(read);
			change.acceptedWas(read.get(name));
			changes.put(name, change);
		});
		return new TakenBatch(changes, before, unreadable);
	}

	/** Whether the batch may write or delete the file. */
	boolean touches(String fileName) {
		return before.containsKey(fileName);
	}

	/** Tells the changes that were not taken why. */
	void failUnreadable() {
		unreadable.forEach(PendingChange::fail);
	}

}
