package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import edu.tjhsst.director.common.site.DiskUsage;

/**
 * Reads {@code btrfs qgroup show -re --raw}: a header, a rule, then quota groups, {@code 0/<subvolume id>}, with the
 * bytes each refers to, its exclusive bytes, their limits ({@code none} or bytes) and the subvolume's path; with
 * {@code -f <folder>}, only the folder's own.
 */
final class QuotaGroupTable {

	private QuotaGroupTable() {
	}

	/**
	 * Reads {@code btrfs qgroup show -re --raw <volume>}, every subvolume's quota group with its path last: the limit
	 * on the bytes each refers to, by path, null where there is none. Lines this cannot read are left out.
	 */
	static Map<String, Long> limitsByPath(String table) {
		Map<String, Long> limits = new HashMap<>();
		for (String line : table.split("\n")) {
			String[] columns = line.strip().split("\\s+");
			if (columns.length >= 6 && columns[0].startsWith("0/")
					&& ("none".equals(columns[3]) || columns[3].matches("[0-9]{1,18}"))) {
				limits.put(columns[columns.length - 1], "none".equals(columns[3]) ? null : Long.valueOf(columns[3]));
			}
		}
		return limits;
	}

	static DiskUsage usage(String table) throws IOException {
		for (String line : table.split("\n")) {
			String[] columns = line.strip().split("\\s+");
			if (columns.length >= 4 && columns[0].startsWith("0/")) {
				try {
					long used = Long.parseLong(columns[1]);
					Long limit = "none".equals(columns[3]) ? null : Long.valueOf(columns[3]);
					return new DiskUsage(used, limit);
				}
				catch (NumberFormatException ex) {
					throw new IOException("btrfs printed a quota group this cannot read: " + line.strip());
				}
			}
		}
		throw new IOException("btrfs printed no quota group for the folder: " + table.strip());
	}

}
