package edu.tjhsst.director.manager.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;

class SiteCopyZipTests {

	private static final DatabaseAccess POSTGRES = new DatabaseAccess(DatabaseEngine.POSTGRESQL, "10.0.0.1", 5432,
			"site_7", "site_7", "Secret0123456789abcd");

	@Test
	void theSitesFilesGoUnderFilesAndItsDumpBesideThemWithAReadmeThatSaysHowToLoadIt() throws IOException {
		byte[] folder = zip(Map.of("public/", "", "public/index.html", "<h1>hi</h1>", "run.sh", "#!/bin/sh"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		SiteCopyZip.write("notes", new ByteArrayInputStream(folder),
				new ByteArrayInputStream("CREATE TABLE notes ();".getBytes(StandardCharsets.UTF_8)), POSTGRES, out);

		Map<String, String> entries = unzip(out.toByteArray());
		assertThat(entries.keySet()).containsExactly("README.txt", "files/public/", "files/public/index.html",
				"files/run.sh", "database.sql");
		assertThat(entries.get("files/public/index.html")).isEqualTo("<h1>hi</h1>");
		assertThat(entries.get("database.sql")).isEqualTo("CREATE TABLE notes ();");
		assertThat(entries.get("README.txt")).contains("A copy of the site notes.").contains("PostgreSQL database site_7")
			.contains("psql -d <database> -f database.sql").doesNotContain("Secret0123456789abcd");
	}

	@Test
	void aSiteWithoutADatabaseGetsItsFilesAndAReadmeThatSaysSo() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		SiteCopyZip.write("page", new ByteArrayInputStream(zip(Map.of("public/index.html", "x"))), null, null, out);

		Map<String, String> entries = unzip(out.toByteArray());
		assertThat(entries.keySet()).containsExactly("README.txt", "files/public/index.html");
		assertThat(entries.get("README.txt")).contains("The site had no database.");
	}

	@Test
	void aMysqlDumpIsExplainedForMysql() {
		DatabaseAccess mysql = new DatabaseAccess(DatabaseEngine.MYSQL, "10.0.0.1", 3306, "site_7", "site_7",
				"Secret0123456789abcd");

		assertThat(SiteCopyZip.readme("notes", mysql)).contains("MySQL database site_7")
			.contains("mysql <database> < database.sql");
	}

	private static byte[] zip(Map<String, String> files) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static Map<String, String> unzip(byte[] bytes) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

}
