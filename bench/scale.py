#!/usr/bin/env python3
"""How Director grows with the number of sites, on a running platform (./director up). Run by hand, not by the tests,
on a platform you can throw away afterwards (./director down; rm -rf .data), since it leaves its sites behind:

    DIRECTOR_BENCH_PASSWORD=<admin password> bench/scale.py [count ...]     (default: 1000 5000 10000)

At each count it brings the platform to that many static sites: their rows go into the portal's database directly
(PostgreSQL, as the admin's sites), and the reconciler applies them to the app server and the router as it does after a
restore or onto a fresh app server. Then it measures
  - the reconciler's round that applied the new sites, and the next one, which finds nothing to change;
  - one site's change live: Create in the portal until the site's first 200 through the router (median of 3);
  - Nginx's test of the whole configuration, in the app server's container and on the router (median of 3);
  - the memory (PSS) of the app server's and the router's Nginx processes and of the four components;
  - the portal's "All sites" (an admin's search, its first and last page) and a student's "My sites", at 50 users
    at once, each asking again as soon as answered (wrk, 10 s after 5 s unmeasured: p50, p99, requests a second),
    and again with each user waiting a second after each answer (p50, p99);
and prints one table of how each figure grows. Python's standard library, psql, wrk and docker.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terminal import Portal, PASSWORD, PORTAL  # noqa: E402  (one way to sign in, shared with terminal.py)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.realpath(os.environ.get("DIRECTOR_DATA", os.path.join(HERE, "..", ".data")))
SITES_PORT = int(os.environ.get("DIRECTOR_SITES_PORT", "8000"))
DOMAIN = os.environ.get("DIRECTOR_SITES_DOMAIN", "sites.localhost")
STUDENT = "scale_student"
STUDENT_PASSWORD = "scale-student-password-1"
USERS = 50
LOAD_SECONDS = 10
WARM_UP_SECONDS = 5
THINK_MS = 1000


def psql(sql):
    """Runs SQL on the portal's embedded PostgreSQL (its port is in its pid file) and returns the output's lines."""
    with open(os.path.join(DATA, "postgres", "postmaster.pid")) as pid_file:
        port = pid_file.read().splitlines()[3].strip()
    result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-qAt",
                             "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def seed(upto):
    """Adds the admin's static sites scale-1 .. scale-<upto> that are not there yet; returns when they were added."""
    psql(f"""
        insert into sites (name, description, type)
          select 'scale-' || n, 'bench/scale.py', 'STATIC' from generate_series(1, {upto}) n
          on conflict (name) do nothing;
        insert into site_members (site_id, user_id)
          select s.id, u.id from sites s, users u where s.name like 'scale-%' and u.username = 'admin'
          on conflict do nothing;
        insert into site_members (site_id, user_id)
          select s.id, u.id from sites s, users u where s.name in ('scale-1', 'scale-2', 'scale-3')
            and u.username = '{STUDENT}'
          on conflict do nothing;""")
    return time.time()


def round_after(since, count, timeout=3600):
    """The reconciler's first round that started after the given time and checked every site, uncut:
    (took in s, sites checked, problems)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        row = psql("select extract(epoch from started_at), took_ms, checked, problems from reconcile_last_round")
        if row:
            started, took, checked, problems = row[0].split("|", 3)
            if float(started) > since and int(checked) >= count and "could not be reached" not in problems:
                return int(took) / 1000, int(checked), problems
        time.sleep(1)
    sys.exit(f"no reconcile round started after {since} within {timeout} s")


def status_through_router(host):
    request = urllib.request.Request(f"http://127.0.0.1:{SITES_PORT}/", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def create_to_200(portal, name):
    start = time.time()
    site_id = portal.post("/sites/new", "/sites/new", {"name": name, "description": "benchmark",
                                                       "type": "STATIC"}).rsplit("/", 1)[-1]
    while status_through_router(f"{name}.{DOMAIN}") != 200:
        if time.time() - start > 120:
            sys.exit(f"{name} did not answer within 120 s")
        time.sleep(0.01)
    took = time.time() - start
    time.sleep(1)  # let the operation record its last action
    portal.post(f"/sites/{site_id}/delete", f"/sites/{site_id}", {"confirm": name})
    return took


def timed(command):
    start = time.time()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - start


def appserver_container():
    names = subprocess.run(["docker", "ps", "--filter", "label=director.role=appserver", "--format", "{{.ID}}"],
                           capture_output=True, text=True, check=True).stdout.split()
    if not names:
        sys.exit("no appserver container runs")
    return names[0]


def tree_rss_mb(pid):
    """Proportional resident memory (PSS: pages shared between an Nginx master and its workers counted once) of a
    process and every process below it, in MB."""
    pids, total = [str(pid)], 0
    while pids:
        children = []
        for each in pids:
            try:
                with open(f"/proc/{each}/smaps_rollup") as status:
                    total += next(int(line.split()[1]) for line in status if line.startswith("Pss:"))
                with open(f"/proc/{each}/task/{each}/children") as found:
                    children += found.read().split()
            except (OSError, StopIteration):
                pass
        pids = children
    return total / 1024


def component_mb(name):
    try:
        with open(os.path.join(DATA, "run", f"{name}.pid")) as pid_file:
            return tree_rss_mb(int(pid_file.read().strip()))
    except OSError:
        return float("nan")


def load(portal_factory, path, think_ms=0):
    """p50 and p99 in ms, and requests a second, of USERS signed-in users asking for a portal page at once for
    LOAD_SECONDS, each asking again as soon as answered (or think_ms after): wrk, each request with one of the USERS
    sessions in turn."""
    cookies = [portal_factory().cookie() for _ in range(USERS)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("local cookies = {" + ",".join('"' + c + '"' for c in cookies) + "}\n"
                     "local n = 0\n"
                     # wrk's threads each have their own Lua, seeded alike: each its own seed, or they wait in step.
                     "local threads = 0\n"
                     "setup = function(thread) threads = threads + 1; thread:set('seed', threads) end\n"
                     "init = function(args) math.randomseed(seed) end\n"
                     "request = function()\n"
                     "  n = n + 1\n"
                     f"  return wrk.format('GET', '{path}', {{Cookie = cookies[n % #cookies + 1]}})\n"
                     "end\n"
                     # Each wait is drawn anew, from 0 to twice think_ms: with one fixed wait, the users start
                     # together and stay in step, and every second the portal gets 50 requests in the same
                     # millisecond, a burst no school's users make.
                     + (f"delay = function() return math.random(0, {2 * think_ms}) end\n" if think_ms else "")
                     + "done = function(summary, latency, requests)\n"
                     "  io.write(string.format('LOAD %f %f %f %d\\n', latency:percentile(50) / 1000,"
                     " latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),"
                     " summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))\n"
                     "end\n")
    try:
        # The same load for a few seconds first, unmeasured: the page's code is compiled and its caches are warm, as
        # on a portal that has been serving for a while.
        for seconds in (WARM_UP_SECONDS, LOAD_SECONDS):
            out = subprocess.run(["wrk", "-t2", f"-c{USERS}", f"-d{seconds}s", "--timeout", "30s", "-s",
                                  script.name, PORTAL + path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    p50, p99, rate, errors = next(line.split()[1:] for line in out.splitlines() if line.startswith("LOAD "))
    if int(errors):
        print(f"{path}: {errors} requests failed or were not 2xx/3xx")
    return float(p50), float(p99), float(rate)


def signed_in(user, password):
    portal = Portal()
    portal.post("/login", "/login", {"username": user, "password": password})
    if "signed-in-as" not in portal.get("/sites"):
        sys.exit(f"cannot log in as {user}")
    return portal


def measure(count, admin):
    figures = {}
    added = seed(count)
    took, checked, problems = round_after(added, count)
    figures["reconciler round that applied them (s)"] = took
    figures["sites the round checked"] = checked
    if problems.strip():
        print(f"[{count}] the round's problems: {problems.strip()[:500]}")
    last = f"scale-{count}.{DOMAIN}"
    figures["the last new site through the router (status)"] = status_through_router(last)
    took, checked, _ = round_after(time.time(), count)
    figures["next round, nothing to change (s)"] = took
    figures["create -> 200, median of 3 (s)"] = statistics.median(
        create_to_200(admin, f"scale-new-{count}-{n}") for n in range(3))
    container = appserver_container()
    exec_alone = statistics.median(timed(["docker", "exec", container, "true"]) for _ in range(3))
    figures["nginx -t, app server, less docker exec (ms)"] = 1000 * (statistics.median(
        timed(["docker", "exec", container, "nginx", "-t", "-q", "-c", "/etc/director/nginx/nginx.conf"])
        for _ in range(3)) - exec_alone)
    figures["nginx -t, router (ms)"] = 1000 * statistics.median(
        timed(["nginx", "-t", "-q", "-c", os.path.join(DATA, "router-nginx", "nginx.conf")]) for _ in range(3))
    pid = subprocess.run(["docker", "inspect", "-f", "{{.State.Pid}}", container], capture_output=True, text=True,
                         check=True).stdout.strip()
    figures["app server nginx, PSS (MB)"] = tree_rss_mb(pid)
    with open(os.path.join(DATA, "router-nginx", "nginx.pid")) as pid_file:
        figures["router nginx, PSS (MB)"] = tree_rss_mb(pid_file.read().strip())
    for name in ("manager", "orchestrator", "router", "shell"):
        figures[f"{name}, PSS (MB)"] = component_mb(name)
    for label, factory, path in (
            ("All sites, search 'scale-42'", lambda: signed_in("admin", PASSWORD), "/sites?q=scale-42"),
            ("All sites, first page", lambda: signed_in("admin", PASSWORD), "/sites"),
            ("All sites, last page", lambda: signed_in("admin", PASSWORD), f"/sites?page={count // 50}"),
            ("My sites, a student's", lambda: signed_in(STUDENT, STUDENT_PASSWORD), "/sites")):
        p50, p99, rate = load(factory, path)
        figures[f"{label}, p50 (ms)"] = p50
        figures[f"{label}, p99 (ms)"] = p99
        figures[f"{label}, requests/s"] = rate
        # The same users as people use a portal: each reads the page for a second after it comes, then asks again.
        p50, p99, _ = load(factory, path, think_ms=THINK_MS)
        figures[f"{label}, 1 s between, p50 (ms)"] = p50
        figures[f"{label}, 1 s between, p99 (ms)"] = p99
    for name, value in figures.items():
        print(f"[{count}] {name}: {value:.3f}" if isinstance(value, float) else f"[{count}] {name}: {value}")
    return figures


def main():
    counts = [int(arg) for arg in sys.argv[1:]] or [1000, 5000, 10000]
    admin = signed_in("admin", PASSWORD)
    if STUDENT not in admin.get("/admin/users"):
        admin.post("/admin/users/new", "/admin/users/new", {"username": STUDENT, "email": "student@example.org",
                                                            "fullName": "Scale Student", "role": "STUDENT",
                                                            "password": STUDENT_PASSWORD})
    table = {count: measure(count, admin) for count in counts}
    names = list(next(iter(table.values())))
    width = max(len(name) for name in names)
    print(f"\n{'sites':<{width}} " + " ".join(f"{count:>10}" for count in counts))
    for name in names:
        cells = (table[count][name] for count in counts)
        print(f"{name:<{width}} " + " ".join(f"{c:>10.2f}" if isinstance(c, float) else f"{c:>10}" for c in cells))


if __name__ == "__main__":
    main()
