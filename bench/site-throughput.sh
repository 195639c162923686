#!/usr/bin/env bash
# Requests per second of a PHP site and of a dynamic (Python) site on a running platform (./director up), with wrk
# (10 s, 50 connections, 2 threads): through the router, and straight to the appserver Nginx; beside them, the same
# 1 KiB answer from a bare host Nginx with a minimal config, measured in the same run, as the baseline for ratios.
# Then, from inside the overlay (the first app server's network namespace), each site through the app server against
# its own process alone, the issue's "at least 0.8 of that process" (medians of 3 alternating runs).
# Run it on two builds (say, before and after a change to how sites are isolated) to see what the change costs.
# Run by hand, not by the tests:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/site-throughput.sh
# It creates the two sites, writes their code into their folders, restarts them, and deletes them afterwards.
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
bare_pid= front_pid=
ids=() names=()
jar=$work/cookies
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
cleanup() {
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  [ -n "$front_pid" ] && kill "$front_pid" 2>/dev/null || true
  for i in "${!ids[@]}"; do
    curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=${names[$i]}&_csrf=$(token "/sites/${ids[$i]}")" \
      "$portal/sites/${ids[$i]}/delete" || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

head -c 1024 /dev/zero | tr '\0' 'x' > "$work/small.txt"

create() { # name type [runtime]; sets created (not in a $(...) subshell, which would lose ids for the clean-up)
  local location
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    -d "name=$1&description=benchmark&type=$2&runtime=${3:-}&_csrf=$(token /sites/new)" "$portal/sites/new")
  local id=${location##*/}
  [[ $id =~ ^[0-9]+$ ]] || { echo "creating $1 did not lead to a site page ($location)" >&2; exit 1; }
  ids+=("$id") names+=("$1")
  for _ in $(seq 1 600); do [ -d "$data/sites/$id/public" ] && break; sleep 0.1; done
  created=$id
}
restart() { # id
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$(token "/sites/$1")" "$portal/sites/$1/restart"
}
await() { # name path text
  for _ in $(seq 1 1200); do
    curl -s -m 2 -H "Host: $1.$domain" "http://127.0.0.1:$sites_port$2" | grep -q "$3" && return 0
    sleep 0.1
  done
  echo "$1$2 never answered with $3" >&2; exit 1
}

tag=$RANDOM
php=php-wrk-$tag
create "$php" PHP
php_id=$created
printf '<?php echo str_repeat("x", 1024);\n' > "$data/sites/$php_id/public/index.php"
chmod 644 "$data/sites/$php_id/public/index.php"
# The create operation runs its last steps while the file is written; wait for it, then for php-fpm's answer.
await "$php" / xxxxxxxx

app=py-wrk-$tag
create "$app" DYNAMIC python
app_id=$created
cat > "$data/sites/$app_id/app.py" <<'EOF'
import http.server, os
body = b"x" * 1024
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
EOF
printf '#!/bin/sh\nexec python3 /site/app.py\n' > "$data/sites/$app_id/run.sh"
chmod 755 "$data/sites/$app_id/run.sh"; chmod 644 "$data/sites/$app_id/app.py"
sleep 3
restart "$app_id"
await "$app" / xxxxxxxx

mkdir -p "$work/root" "$work/tmp"
cp "$work/small.txt" "$work/root/small.txt"
minimal_nginx() { # name server-block: a minimal Nginx config in $work/<name>.conf, its files in $work
  cat > "$work/$1.conf" <<EOF
worker_processes auto;
pid $work/$1.pid;
error_log $work/$1-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  $2
}
EOF
}
minimal_nginx nginx "server { listen 127.0.0.1:$bare_port; root $work/root; }"
nginx -c "$work/nginx.conf" -g 'daemon off;' &
bare_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$bare_port/small.txt" && break; sleep 0.1; done

rps() { # url [host]
  local args=(-t2 -c50 -d"$duration")
  [ -n "${2:-}" ] && args+=(-H "Host: $2")
  wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
bare=$(rps "http://127.0.0.1:$bare_port/small.txt")
php_router=$(rps "http://127.0.0.1:$sites_port/" "$php.$domain")
php_appserver=$(rps "http://127.0.0.1:$appserver_port/" "$php.$domain")
app_router=$(rps "http://127.0.0.1:$sites_port/" "$app.$domain")
app_appserver=$(rps "http://127.0.0.1:$appserver_port/" "$app.$domain")

# From inside the overlay, as the app server itself reaches a site: wrk (the host's) runs in the first app server
# container's network namespace and asks the site's process at its own port, then the app server Nginx there. PHP's
# process speaks FastCGI, not HTTP, so its baseline is the thinnest HTTP front there is: a minimal Nginx of the host's,
# in the same namespace, whose one location passes every request to the site's php-fpm.
# Named as ./director names them: the app server's service, and a site's (SiteNames: <platform>_site_<id>).
appserver_service=${DIRECTOR_APPSERVER_SERVICE:-${DIRECTOR_PLATFORM:-director}-nginx}
site_service() { echo "${DIRECTOR_PLATFORM:+${DIRECTOR_PLATFORM}_}site_$1"; }
[ "$(id -u)" = 0 ] || { echo "entering the app server's network namespace (nsenter) needs root" >&2; exit 1; }
container=$(docker ps -q --filter "label=com.docker.swarm.service.name=$appserver_service" | head -1)
[ -n "$container" ] || { echo "no running container of the app server service $appserver_service" >&2; exit 1; }
netns_pid=$(docker inspect -f '{{.State.Pid}}' "$container")
inside() { nsenter -n -t "$netns_pid" "$@"; }
address() { # site id -> the address of its process, as the app server's resolver gives it
  docker exec "$container" getent hosts "$(site_service "$1")" | awk '{print $1; exit}'
}
php_address=$(address "$php_id") app_address=$(address "$app_id")
app_port=$(docker service inspect -f '{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}' \
  "$(site_service "$app_id")" | sed -n 's/^PORT=//p')
[ -n "$php_address" ] && [ -n "$app_address" ] && [ -n "$app_port" ] \
  || { echo "cannot find the sites' processes in the overlay (php: $php_address, app: $app_address:$app_port)" >&2; exit 1; }
front_port=8098
minimal_nginx php-front "server {
    listen 127.0.0.1:$front_port;
    location / {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /site/public/index.php;
      fastcgi_pass $php_address:9000;
    }
  }"
nsenter -n -t "$netns_pid" nginx -c "$work/php-front.conf" -g "daemon off;" &
front_pid=$!
# Each baseline must give the page itself, not an error that comes back faster.
answers() { # url [host]
  for _ in $(seq 1 50); do
    inside curl -s -m 2 ${2:+-H "Host: $2"} "$1" | grep -q xxxxxxxx && return 0
    sleep 0.1
  done
  echo "$1 ${2:-} does not answer with the page from inside the overlay" >&2; exit 1
}
answers "http://127.0.0.1:$front_port/"
answers "http://$app_address:$app_port/"
answers "http://127.0.0.1/" "$php.$domain"
answers "http://127.0.0.1/" "$app.$domain"
inside_rps() { # url [host]; fails on any answer that is not a 2xx or 3xx, and tells of socket errors
  local args=(-t2 -c50 -d"$duration") out
  [ -n "${2:-}" ] && args+=(-H "Host: $2")
  out=$(inside wrk "${args[@]}" "$1")
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "wrk $1 ${2:-}: $out" >&2; exit 1
  fi
  grep 'Socket errors' <<<"$out" | sed "s|^|wrk $1 ${2:-}: |" >&2 || true
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# A single process's rate swings by a fifth from run to run here (a Python server on 2 cores shared with wrk), so
# each pair is measured three times, alternating, and the medians are compared.
for_php_alone=() for_php_inside=() for_app_alone=() for_app_inside=()
for _ in 1 2 3; do
  for_php_alone+=("$(inside_rps "http://127.0.0.1:$front_port/")")
  for_php_inside+=("$(inside_rps "http://127.0.0.1/" "$php.$domain")")
  for_app_alone+=("$(inside_rps "http://$app_address:$app_port/")")
  for_app_inside+=("$(inside_rps "http://127.0.0.1/" "$app.$domain")")
done
php_alone=$(median "${for_php_alone[@]}") php_inside=$(median "${for_php_inside[@]}")
app_alone=$(median "${for_app_alone[@]}") app_inside=$(median "${for_app_inside[@]}")

printf '%-44s %10s req/s  %6s of bare\n' "PHP site: router -> appserver -> php-fpm" "$php_router" "$(ratio "$php_router" "$bare")"
printf '%-44s %10s req/s  %6s of bare\n' "PHP site: appserver -> php-fpm" "$php_appserver" "$(ratio "$php_appserver" "$bare")"
printf '%-44s %10s req/s  %6s of bare\n' "Python site: router -> appserver -> app" "$app_router" "$(ratio "$app_router" "$bare")"
printf '%-44s %10s req/s  %6s of bare\n' "Python site: appserver -> app" "$app_appserver" "$(ratio "$app_appserver" "$bare")"
printf '%-44s %10s req/s  %6s\n' "bare host Nginx, minimal config, 1 KiB file" "$bare" "1.000"
echo "In the first app server's network namespace (the overlay), against the site's own process (medians of 3):"
printf '%-60s %10s req/s  %6s of alone\n' "PHP site: appserver -> php-fpm" "$php_inside" "$(ratio "$php_inside" "$php_alone")"
printf '%-60s %10s req/s  %6s\n' "PHP site: minimal Nginx -> php-fpm (the process alone)" "$php_alone" "1.000"
printf '%-60s %10s req/s  %6s of alone\n' "Python site: appserver -> app" "$app_inside" "$(ratio "$app_inside" "$app_alone")"
printf '%-60s %10s req/s  %6s\n' "Python site: the app at its own port (the process alone)" "$app_alone" "1.000"
echo "each run, req/s: PHP alone ${for_php_alone[*]}; PHP through the app server ${for_php_inside[*]};" \
  "Python alone ${for_app_alone[*]}; Python through the app server ${for_app_inside[*]}"
