#!/usr/bin/env bash
# Measures dynamic sites on a running platform (./director up), through the router. Run by hand, not by the tests:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/dynamic-sites.sh [count]
# For <count> Python sites (default 10) it measures
#   create -> 200   from submitting "Create" to the first 200 through the router. The site's run.sh is written
#                   into its folder the moment the orchestrator makes it, as if its owner had uploaded it then;
#   restart -> 200  from pressing Restart to the first 200 from the new process (the app answers its start time);
# then the memory of one idle site after 10 s, and prints medians, p90, min and max. The sites are deleted after.
set -euo pipefail
count=${1:-10}
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
sites_port=${DIRECTOR_SITES_PORT:-8000}
domain=${DIRECTOR_SITES_DOMAIN:-sites.localhost}
data=${DIRECTOR_DATA:-$(cd "$(dirname "$0")/.." && pwd)/.data}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
docker=${DOCKER:-/usr/bin/docker}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
answer() { curl -s -m 2 -H "Host: $1.$domain" "http://127.0.0.1:$sites_port/" || true; }
stats() { # label values...
  local label=$1; shift
  local sorted=($(printf '%s\n' "$@" | sort -n)) n=$#
  echo "$label, $n runs: median ${sorted[$((n / 2))]} ms, p90 ${sorted[$(( (n * 9 + 9) / 10 - 1 ))]} ms," \
    "min ${sorted[0]} ms, max ${sorted[$((n - 1))]} ms"
}

read -r -d '' app <<'EOF' || true
import http.server, os, time
started = str(time.time_ns())
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("started at " + started + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
EOF

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

tag=$RANDOM
creates=() restarts=() ids=() names=()
for n in $(seq 1 "$count"); do
  name=dyn-$n-$tag
  csrf=$(token /sites/new)
  start=$(now_ms)
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    -d "name=$name&description=benchmark&type=DYNAMIC&runtime=python&_csrf=$csrf" "$portal/sites/new")
  id=${location##*/}
  [[ $id =~ ^[0-9]+$ ]] || { echo "creating $name did not lead to a site page ($location)" >&2; exit 1; }
  ids+=("$id") names+=("$name")
  dir=$data/sites/$id
  until [ -d "$dir" ]; do
    [ $(( $(now_ms) - start )) -lt 60000 ] || { echo "$dir did not appear within 60 s" >&2; exit 1; }
    sleep 0.005
  done
  printf '%s\n' "$app" > "$dir/app.py"
  printf '#!/bin/sh\nexec python3 -u "$(dirname "$0")/app.py"\n' > "$dir/run.sh.new"
  chmod 755 "$dir/run.sh.new" && mv "$dir/run.sh.new" "$dir/run.sh"
  until answer "$name" | grep -q '^started at'; do
    [ $(( $(now_ms) - start )) -lt 60000 ] || { echo "$name did not answer within 60 s" >&2; exit 1; }
    sleep 0.02
  done
  creates+=($(( $(now_ms) - start )))
  echo "$name: create -> 200 in ${creates[-1]} ms"
done

# Let every create operation finish before restarting.
sleep 5
for i in "${!ids[@]}"; do
  name=${names[$i]} id=${ids[$i]}
  before=$(answer "$name")
  csrf=$(token "/sites/$id")
  start=$(now_ms)
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$csrf" "$portal/sites/$id/restart"
  while true; do
    now=$(answer "$name")
    [[ $now == "started at "* && $now != "$before" ]] && break
    [ $(( $(now_ms) - start )) -lt 60000 ] || { echo "$name did not come back within 60 s" >&2; exit 1; }
    sleep 0.02
  done
  restarts+=($(( $(now_ms) - start )))
  echo "$name: restart -> 200 in ${restarts[-1]} ms"
  sleep 2
done

sleep 10
container=$("$docker" ps -q --filter "label=com.docker.swarm.service.name=site_${ids[0]}" | head -1)
memory=$("$docker" stats --no-stream --format '{{.MemUsage}}' "$container")

stats "create -> 200 through the router (dynamic Python site)" "${creates[@]}"
stats "restart -> 200 through the router" "${restarts[@]}"
echo "memory of an idle Python site (docker stats, after 10 s idle): $memory"

for i in "${!ids[@]}"; do
  csrf=$(token "/sites/${ids[$i]}")
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=${names[$i]}&_csrf=$csrf" "$portal/sites/${ids[$i]}/delete"
done
echo "deleted the $count benchmark sites"
