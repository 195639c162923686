# A Flask app behind one proxy, set up as its documentation says (ProxyFix), counting its visits in the site's
# PostgreSQL (DATABASE_URL); its links and redirects are absolute, so they must carry the port the browser used.
import os
import psycopg2
from flask import Flask, redirect, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)

def visits():
    with psycopg2.connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("create table if not exists visits (id serial primary key)")
        cursor.execute("insert into visits default values")
        cursor.execute("select count(*) from visits")
        return cursor.fetchone()[0]

@app.route("/")
def index():
    return (f"visits={visits()}\nhere={url_for('index', _external=True)}\n"
            f"client={request.remote_addr}\n"), 200, {"Content-Type": "text/plain"}

@app.route("/go")
def go():
    return redirect(url_for("index", _external=True))

if __name__ == "__main__":
    app.run(host=os.environ["HOST"], port=int(os.environ["PORT"]))
