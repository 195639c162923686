package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.file.SitePaths.LastLink;

/** Zips a site's folder for download: its files and folders by relative name, links left out. */
@Service
class FolderZips {

	private static final Logger log = LoggerFactory.getLogger(FolderZips.class);

	private final SitePaths paths;

	private final long maxZip;

	FolderZips(SitePaths paths, OrchestratorProperties properties) {
		this.paths = paths;
		this.maxZip = properties.files().maxZip().toBytes();
	}

	/**
	 * Checks a folder and the total size of its files before anything is streamed.
	 * @return the checked folder, open, to pass to {@link #write(ConfinedPath, OutputStream)}; the caller closes it
	 * @throws EntryTooLargeException when its files add up to more than {@code director.files.max-zip}
	 */
	ConfinedPath prepare(long id, String path) {
		ConfinedPath folder = paths.resolve(id, path, LastLink.REFUSE);
		try {
			FileReads.requireFolder(folder);
			long[] total = new long[1];
			TreeWalker.walk(folder, node -> {
				if (node.attributes().isRegularFile()) {
					total[0] += node.attributes().size();
				}
				return total[0] <= maxZip;
			});
			if (total[0] > maxZip) {
				throw new EntryTooLargeException(folder + " is too large to download as a zip (more than "
						+ Sizes.mebibytes(maxZip) + " MiB)");
			}
			return folder;
		}
		catch (IOException ex) {
			folder.close();
			throw FileErrors.of(ex, folder);
		}
		catch (RuntimeException ex) {
			folder.close();
			throw ex;
		}
	}

	/** The archive's file name: the folder's name, or {@code site} for the root. */
	static String fileName(ConfinedPath folder) {
		return (folder.isRoot() ? "site" : folder.relative().name()) + ".zip";
	}

	/** Streams the archive; stops with an error if the files grew past the limit since they were counted. */
	void write(ConfinedPath folder, OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		long[] written = new long[1];
		TreeWalker.walk(folder, node -> {
			if (node.attributes().isDirectory()) {
				zip.putNextEntry(entry(node, node.path() + "/"));
				zip.closeEntry();
			}
			else if (node.attributes().isRegularFile()) {
				InputStream in;
				try {
					in = Channels.newInputStream(node.open());
				}
				catch (IOException ex) {
					log.warn("left {} out of a zip: {}", node.path(), ex.toString());
					return true;
				}
				try (in) {
					zip.putNextEntry(entry(node, node.path()));
					written[0] += in.transferTo(zip);
					zip.closeEntry();
				}
				if (written[0] > maxZip) {
					throw new IOException("the files grew past the zip limit while being archived");
				}
			}
			return true;
		});
		zip.finish();
		zip.flush();
	}

	private static ZipEntry entry(TreeWalker.Node node, String name) {
		ZipEntry entry = new ZipEntry(name);
		entry.setLastModifiedTime(node.attributes().lastModifiedTime());
		return entry;
	}

}
