package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A student's Python site that keeps notes in its database: each request writes a row through {@code DATABASE_URL}
 * (PostgreSQL or MySQL) and the answer is the first row and how many there are.
 */
final class NotesApp {

	/**
	 * A tiny HTTP server that writes a row through {@code DATABASE_URL} on every request and answers with the first
	 * row and how many there are; without the variable it says so.
	 */
	private static final String APP = """
			import http.server, os, urllib.parse
			SITE = os.environ.get("DIRECTOR_SITE_NAME", "")
			def visit():
			    url = os.environ.get("DATABASE_URL")
			    if not url:
			        return "no database"
			    parts = urllib.parse.urlsplit(url)
			    if parts.scheme == "postgres":
			        import psycopg2
			        conn = psycopg2.connect(url)
			    else:
			        import pymysql
			        conn = pymysql.connect(host=parts.hostname, port=parts.port, user=parts.username,
			                               password=parts.password, database=parts.path.lstrip("/"))
			    try:
			        cur = conn.cursor()
			        cur.execute("create table if not exists journey_notes (note varchar(200))")
			        cur.execute("insert into journey_notes (note) values (%s)",
			                    ("written by " + SITE + " on " + parts.scheme,))
			        cur.execute("select min(note), count(*) from journey_notes")
			        note, count = cur.fetchone()
			        conn.commit()
			        return "row: %s (%d rows)" % (note, count)
			    finally:
			        conn.close()
			class Handler(http.server.BaseHTTPRequestHandler):
			    def do_GET(self):
			        try:
			            body = visit()
			        except Exception as e:
			            body = "database error: %s" % e
			        data = (body + "\\n").encode()
			        self.send_response(200)
			        self.send_header("Content-Type", "text/plain")
			        self.send_header("Content-Length", str(len(data)))
			        self.end_headers()
			        self.wfile.write(data)
			http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
			""";

	private static final String RUN = """
			#!/bin/sh
			exec python3 -u "$(dirname "$0")/app.py"
			""";

	private static final Pattern ROWS = Pattern.compile("\\((\\d+) rows\\)");

	private NotesApp() {
	}

	/** Creates a dynamic Python site in the browser, gives it the app and restarts it; returns its id. */
	static long createSite(Journey journey, String name) throws Exception {
		long id = journey.portal().createSite(name, "dynamic", "python");

		journey.platform().writeSiteFiles(id, Map.of("app.py", APP, "run.sh", RUN));
		journey.portal().restart(id);
		return id;
	}

	/** Waits until the app writes and reads more rows than before (with the credentials it has now). */
	static int awaitRowsAbove(Journey journey, String site, String text, int rows) {
		return rowCount(journey.answers().await(site, "/", "\"" + text + "\" and more than " + rows + " rows",
				answer -> answer.status() == 200 && answer.body().contains(text) && rowCount(answer.body()) > rows)
			.body());
	}

	static int rowCount(String answer) {
		Matcher matcher = ROWS.matcher(answer);
		assertThat(matcher.find()).as("a row count in %s", answer).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
