#!/usr/bin/env bash
# What the Prometheus metrics cost the portal: requests a second to the sign-in page and to the API's site list
# (with a token), on a platform whose manager keeps its metrics for Prometheus, against one started with
# MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED=false (Spring Boot then keeps them in a plain in-memory registry, as
# before the endpoint existed). Run by hand as root on a machine where ./director up has run once (images and jars
# built), with no platform running: it starts the two in turn, twice each, alternating, each in a data directory of
# its own, and stops them.
#   bench/metrics-cost.sh [seconds per measurement, default 15]
# It prints each measurement, the medians of each variant, and the ratio with metrics / without.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
port=${DIRECTOR_MANAGER_PORT:-8080}
portal=http://127.0.0.1:$port
[ "$(id -u)" = 0 ] || { echo "run it as root, as ./director up runs" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

jar=$(mktemp)
running=''
declare -A results=()
trap 'rm -f "$jar"; [ -z "$running" ] || stop' EXIT

csrf() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

# Starts a platform with the given environment in a fresh data directory; sets password.
start() {
  local data pid; data=$(mktemp -d /var/tmp/director-bench-XXXXXX)
  running=$data
  env "$@" DIRECTOR_DATA="$data" DIRECTOR_SITES_VOLUME_SIZE=0 setsid ./director up >"$data.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "Press Ctrl-C" "$data.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "the platform stopped while starting; see $data.log" >&2; exit 1; }
    sleep 1
  done
  password=$(sed -n 's/.*Password: *\([^ ]*\).*/\1/p' "$data.log" | head -1)
  [ -n "$password" ] || { echo "the platform did not start; see $data.log" >&2; exit 1; }
}

stop() {
  DIRECTOR_DATA=$running ./director down >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break; sleep 1; done
  umount -l "$running/sites" 2>/dev/null || true
  rm -rf "$running" "$running.log"
  running=''
}

# An administrator's token with sites:read, made on the tokens page.
make_token() {
  rm -f "$jar"
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=admin&password=$password&_csrf=$(csrf /login)" "$portal/login"
  curl -s -c "$jar" -b "$jar" -L -d "name=bench&scope=sites:read&days=1&_csrf=$(csrf /account/tokens)" \
    "$portal/account/tokens" | grep -o 'director_[A-Za-z0-9_-]\{43\}' | head -1
}

# Requests a second; a run with any answer but 2xx is refused, as its rate would not be the page's.
rate() {
  local out; out=$(wrk -t2 -c20 -d"${seconds}s" "$@")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers: $out" >&2; exit 1; fi
  awk '/Requests\/sec/ { printf "%d", $2 }' <<<"$out"
}

measure() {
  local variant=$1 token session login api
  token=$(make_token)
  [ -n "$token" ] && curl -sf -o /dev/null -H "Authorization: Bearer $token" "$portal/api/v1/sites" \
    || { echo "could not make a working token" >&2; exit 1; }
  # One anonymous session for every request to the sign-in page, so that no run fills the portal with sessions.
  session=$(curl -s -o /dev/null -c - "$portal/login" | awk '/JSESSIONID/ { print $7 }')
  wrk -t2 -c20 -d5s -H "Cookie: JSESSIONID=$session" "$portal/login" >/dev/null
  login=$(rate -H "Cookie: JSESSIONID=$session" "$portal/login")
  api=$(rate -H "Authorization: Bearer $token" "$portal/api/v1/sites")
  echo "$variant: sign-in page $login/s, API site list $api/s"
  results[$variant-login]+="$login "
  results[$variant-api]+="$api "
}

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for round in 1 2; do
  start DIRECTOR_BENCH_VARIANT=with
  measure with
  stop
  start MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED=false
  measure without
  stop
done

for page in login api; do
  with=$(median "${results[with-$page]}") without=$(median "${results[without-$page]}")
  echo "$page: median $with/s with metrics, $without/s without; ratio $(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')"
done
