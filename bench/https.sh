#!/usr/bin/env bash
# HTTPS for custom domains, measured on a platform of its own with a real ACME CA (Debian's Pebble) and DNS server
# (pebble-challtestsrv) on loopback:
#   1. the time from pressing "Check" on a proven domain to the domain answering over HTTPS with the CA's
#      certificate, for <count> domains one after another (median, min, max);
#   2. with wrk (10 s, 50 connections, 2 threads), for one 1 KiB file: TLS handshakes per second (a new connection
#      for every request) and requests per second over kept-alive HTTPS, through the router and from a bare host
#      Nginx serving the same file with the same certificate and key, each with its ratio to the bare one; and the
#      router's kept-alive plain HTTP on the same path, to tell what TLS costs from what forwarding costs.
# Run by hand, as root, from a clone whose images and jars ./director up can use (a first ./director up or test
# made them); not by the tests:
#   bench/https.sh [count]
# It starts the platform with ./director up on ports 181xx and a data directory of its own, adds bench names to
# /etc/hosts for wrk (taken out again at the end), and stops everything it started.
set -euo pipefail
count=${1:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
duration=${DIRECTOR_BENCH_DURATION:-10s}
base=${DIRECTOR_BENCH_PORT_BASE:-18100}
portal_port=$base sites_port=$((base + 1)) https_port=$((base + 2)) bare_port=$((base + 3))
pebble_port=$((base + 10)) pebble_mgmt=$((base + 11)) dns_port=$((base + 12)) dns_mgmt=$((base + 13))
zone=bench-tls.example
[ "$(id -u)" = 0 ] || { echo "run as root: it starts the platform and edits /etc/hosts" >&2; exit 1; }
for tool in pebble:pebble wrk:wrk openssl:openssl curl:curl; do
  command -v "${tool%%:*}" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool##*:}" >/dev/null
done

work=$(mktemp -d)
chmod 755 "$work"
pids=()
platform_env=()
cleanup() {
  set +e
  [ ${#platform_env[@]} -gt 0 ] && env "${platform_env[@]}" "$here/director" down >/dev/null 2>&1
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  sed -i "/# director-bench-https$/d" /etc/hosts
  rm -rf "$work"
}
trap cleanup EXIT

# The CA's own HTTPS certificate, trusted by the manager through DIRECTOR_ACME_CA_FILE.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/ca-listener.key" -out "$work/ca-listener.pem" 2>/dev/null
chmod 644 "$work/ca-listener.pem"
cat > "$work/pebble.json" <<EOF
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port", "managementListenAddress": "127.0.0.1:$pebble_mgmt",
  "certificate": "$work/ca-listener.pem", "privateKey": "$work/ca-listener.key", "httpPort": $sites_port,
  "tlsPort": $((base + 14)), "ocspResponderURL": "", "externalAccountBindingRequired": false}}
EOF
pebble-challtestsrv -dns01 127.0.0.1:$dns_port -management 127.0.0.1:$dns_mgmt -http01 "" -https01 "" \
  -tlsalpn01 "" -defaultIPv4 "" -defaultIPv6 "" >"$work/challtestsrv.log" 2>&1 &
pids+=($!)
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$work/pebble.json" -dnsserver 127.0.0.1:$dns_port >"$work/pebble.log" 2>&1 &
pids+=($!)
dns() { curl -sf -o /dev/null -d "$2" "http://127.0.0.1:$dns_mgmt/$1"; }
for _ in $(seq 1 100); do dns clear-txt '{"host":"ready.test."}' && break; sleep 0.1; done

platform_env=(DIRECTOR_DATA="$work/data" DIRECTOR_MANAGER_PORT=$portal_port DIRECTOR_SITES_PORT=$sites_port
  DIRECTOR_ROUTER_HTTPS_PORT=$https_port DIRECTOR_APPSERVER_PORTS=$((base + 4)),$((base + 15)) DIRECTOR_ORCHESTRATOR_PORT=$((base + 5))
  DIRECTOR_ROUTER_API_PORT=$((base + 6)) DIRECTOR_SHELL_PORT=$((base + 7)) DIRECTOR_SHELL_API_PORT=$((base + 8))
  DIRECTOR_SITE_DATABASE_PORT=$((base + 9)) DIRECTOR_SITE_DATABASE_PREFIX=benchtls_
  DIRECTOR_APPSERVER_SERVICE=bench-tls-nginx DIRECTOR_SITES_NETWORK=bench-tls-sites DIRECTOR_SITES_VOLUME_SIZE=0
  DIRECTOR_ACME_DIRECTORY=https://127.0.0.1:$pebble_port/dir DIRECTOR_ACME_CA_FILE="$work/ca-listener.pem"
  DIRECTOR_ACME_SWEEP_INTERVAL=1m DIRECTOR_DNS_RESOLVER=127.0.0.1:$dns_port DIRECTOR_DNS_TIMEOUT=500ms)
echo "starting a platform of its own (its output: $work/up.log)"
env "${platform_env[@]}" setsid "$here/director" up >"$work/up.log" 2>&1 </dev/null &
pids+=($!)
for _ in $(seq 1 600); do grep -q "Press Ctrl-C" "$work/up.log" && break; sleep 1; done
grep -q "Press Ctrl-C" "$work/up.log" || { tail -20 "$work/up.log" >&2; exit 1; }
password=$(sed -n 's/.*Password: *\([^ ]*\).*/\1/p' "$work/up.log" | head -1)
portal=http://127.0.0.1:$portal_port
jar=$work/cookies
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=admin&password=$password&_csrf=$(token /login)" "$portal/login"
location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  -d "name=bench-tls&description=benchmark&type=STATIC&_csrf=$(token /sites/new)" "$portal/sites/new")
site=${location##*/}
[[ $site =~ ^[0-9]+$ ]] || { echo "could not create the benchmark site" >&2; exit 1; }
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: bench-tls.sites.localhost" "http://127.0.0.1:$sites_port/")" = 200 ]; do
  sleep 0.2
done
curl -sf "https://127.0.0.1:$pebble_mgmt/roots/0" --cacert "$work/ca-listener.pem" >"$work/root.pem"

https_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --resolve "$1:$https_port:127.0.0.1" \
  --cacert "$work/root.pem" "https://$1:$https_port/" || true; }
times=()
for n in $(seq 1 "$count"); do
  name=d$n.$zone
  page=$(curl -s -c "$jar" -b "$jar" -d "name=$name&_csrf=$(token "/sites/$site/domains")" -L "$portal/sites/$site/domains")
  domain_token=$(echo "$page" | tr '\n' ' ' | grep -o "$name</h2>.*" | grep -o 'class="domain-token">[a-z2-7]*' | head -1 | sed 's/.*>//')
  domain_id=$(echo "$page" | tr '\n' ' ' | grep -o "$name</h2>.*" | grep -o "domains/[0-9]*/check" | head -1 | tr -dc 0-9)
  dns set-txt "{\"host\":\"_director-challenge.$name.\",\"value\":\"$domain_token\"}"
  dns add-a "{\"host\":\"$name.\",\"addresses\":[\"127.0.0.1\"]}"
  csrf=$(token "/sites/$site/domains")
  start=$(date +%s%N)
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$csrf" "$portal/sites/$site/domains/$domain_id/check"
  until [ "$(https_code "$name")" = 200 ]; do
    [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 120000 ] || { echo "$name: no HTTPS within 120 s" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "$name: Check -> HTTPS in $ms ms"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "Check -> HTTPS answering, $count domains: median ${sorted[$((count / 2))]} ms, min ${sorted[0]} ms," \
  "max ${sorted[$((count - 1))]} ms"

# The same 1 KiB file through the router and from a bare Nginx with the domain's certificate and key.
name=d1.$zone
head -c 1024 /dev/zero | tr '\0' 'x' >"$work/small.txt"
cp "$work/small.txt" "$work/data/sites/$site/public/small.txt"
chmod 644 "$work/data/sites/$site/public/small.txt"
certs=$work/data/router-nginx/certs/$name
version=$(cat "$certs/current")
mkdir -p "$work/root" "$work/tmp"
cp "$work/small.txt" "$work/root/small.txt"
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache shared:bare_tls:10m;
  server {
    listen 127.0.0.1:$bare_port ssl http2;
    server_name $name;
    ssl_certificate $certs/$version.crt;
    ssl_certificate_key $certs/$version.key;
    root $work/root;
  }
}
EOF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
echo "127.0.0.1 $name # director-bench-https" >>/etc/hosts
for _ in $(seq 1 50); do curl -sf -o /dev/null --cacert "$work/root.pem" "https://$name:$bare_port/small.txt" && break; sleep 0.1; done
curl -sf -o /dev/null --cacert "$work/root.pem" "https://$name:$https_port/small.txt" \
  || { echo "the router does not serve small.txt over HTTPS" >&2; exit 1; }

rps() { wrk -t2 -c50 -d"$duration" "$@" | awk '/Requests\/sec/ {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
router_new=$(rps -H "Connection: close" "https://$name:$https_port/small.txt")
bare_new=$(rps -H "Connection: close" "https://$name:$bare_port/small.txt")
router_kept=$(rps "https://$name:$https_port/small.txt")
bare_kept=$(rps "https://$name:$bare_port/small.txt")
# The same path without TLS (the site's own name has no certificate), to tell TLS's cost from forwarding's.
router_plain=$(wrk -t2 -c50 -d"$duration" -H "Host: bench-tls.sites.localhost" "http://127.0.0.1:$sites_port/small.txt" \
  | awk '/Requests\/sec/ {print $2}')
echo "TLS handshakes/s (a new connection per request): router $router_new, bare Nginx $bare_new," \
  "ratio $(ratio "$router_new" "$bare_new")"
echo "HTTPS requests/s (kept-alive connections):        router $router_kept, bare Nginx $bare_kept," \
  "ratio $(ratio "$router_kept" "$bare_kept")"
echo "HTTP requests/s through the router (kept-alive):  $router_plain; HTTPS/HTTP through the router," \
  "ratio $(ratio "$router_kept" "$router_plain")"
echo "(the router forwards to the appserver Nginx, which serves the file; the bare Nginx serves it itself)"
