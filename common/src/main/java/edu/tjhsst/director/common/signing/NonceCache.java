package edu.tjhsst.director.common.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers nonces for as long as their requests could still be accepted, to refuse replays. */
public final class NonceCache {

	private final Duration keepFor;

	private final int capacity;

	/** Insertion-ordered, so the oldest entries are at the head and expire first. */
	private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

	public NonceCache(Duration keepFor, int capacity) {
		this.keepFor = keepFor;
		this.capacity = capacity;
	}

	/** True the first time a nonce is offered within its lifetime; false for a replay or when full. */
	public synchronized boolean firstUse(String nonce, Instant now) {
		Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
		while (oldest.hasNext() && oldest.next().getValue().isBefore(now)) {
			oldest.remove();
		}
		if (seen.containsKey(nonce) || seen.size() >= capacity) {
			// When full we refuse rather than forget: forgetting would open a replay window.
			return false;
		}
		seen.put(nonce, now.plus(keepFor));
		return true;
	}

}
