#!/usr/bin/env bash
# Requests per second for one small static file on a running platform (./director up), with wrk (10 s, 50
# connections, 2 threads), four ways: through the router (which reaches the appserver Nginx at its Unix socket), at
# the appserver's published port (through Docker's proxy), at its container's own address, and from a bare host Nginx
# with a minimal config serving the same file. Prints each with its ratio to the bare one.
# Run by hand, not by the tests:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/static-throughput.sh
# It creates one static site, writes a 1 KiB file into it, and deletes the site afterwards. wrk comes from Debian.
set -euo pipefail
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
sites_port=${DIRECTOR_SITES_PORT:-8000}
# Measured directly: the first appserver (through the router, requests go to either).
appserver_port=${DIRECTOR_APPSERVER_PORTS:-8081,8085}
appserver_port=${appserver_port%%,*}
bare_port=${DIRECTOR_BENCH_BARE_PORT:-8099}
domain=${DIRECTOR_SITES_DOMAIN:-sites.localhost}
data=${DIRECTOR_DATA:-$(cd "$(dirname "$0")/.." && pwd)/.data}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
duration=${DIRECTOR_BENCH_DURATION:-10s}
command -v wrk >/dev/null || { echo "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d)
bare_pid=
cleanup() {
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
jar=$work/cookies
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

name=wrk-$RANDOM
location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  -d "name=$name&description=benchmark&type=STATIC&_csrf=$(token /sites/new)" "$portal/sites/new")
id=${location##*/}
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/small.txt"
for _ in $(seq 1 600); do
  [ -d "$data/sites/$id/public" ] && break
  sleep 0.1
done
cp "$work/small.txt" "$data/sites/$id/public/small.txt"
chmod 644 "$data/sites/$id/public/small.txt"
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $name.$domain" "http://127.0.0.1:$sites_port/small.txt")" = 200 ] && break
  sleep 0.1
done

# The bare Nginx: the host's, with nothing but what serving one file needs, as many workers as the appserver.
mkdir -p "$work/root" "$work/tmp"
cp "$work/small.txt" "$work/root/small.txt"
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$bare_port; root $work/root; }
}
EOF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
bare_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$bare_port/small.txt" && break; sleep 0.1; done

rps() { # url [host]
  local args=(-t2 -c50 -d"$duration")
  [ -n "${2:-}" ] && args+=(-H "Host: $2")
  wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# The first appserver's container at its own address on docker_gwbridge: what the container's network costs, without
# the Docker proxy that carries connections to the published port on 127.0.0.1.
service=${DIRECTOR_APPSERVER_SERVICE:-director-nginx}
container=$(docker ps -q --no-trunc --filter "label=com.docker.swarm.service.name=$service" | head -1)
container_address=$(docker network inspect docker_gwbridge \
  -f '{{range $id, $c := .Containers}}{{$id}} {{$c.IPv4Address}}{{"\n"}}{{end}}' \
  | awk -v id="$container" '$1 == id { sub("/.*", "", $2); print $2 }')

router=$(rps "http://127.0.0.1:$sites_port/small.txt" "$name.$domain")
appserver=$(rps "http://127.0.0.1:$appserver_port/small.txt" "$name.$domain")
direct=
[ -n "$container_address" ] && direct=$(rps "http://$container_address/small.txt" "$name.$domain")
bare=$(rps "http://127.0.0.1:$bare_port/small.txt")

printf '%-40s %10s req/s  %5s of bare\n' "router -> appserver Nginx" "$router" "$(ratio "$router" "$bare")"
printf '%-40s %10s req/s  %5s of bare\n' "appserver Nginx at its published port" "$appserver" "$(ratio "$appserver" "$bare")"
[ -z "$direct" ] || printf '%-40s %10s req/s  %5s of bare\n' "appserver Nginx at its container address" "$direct" \
  "$(ratio "$direct" "$bare")"
printf '%-40s %10s req/s  %5s\n' "bare host Nginx, minimal config" "$bare" "1.00"

curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=$name&_csrf=$(token "/sites/$id")" "$portal/sites/$id/delete"
echo "deleted the benchmark site $name"
