#!/usr/bin/env bash
# Measures, on a running platform, the time from submitting "Create" to the site's first 200 through the router.
# Run by hand, not by the test suite:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/site-creation.sh [count]
# It creates <count> sites (default 10) named bench-<n>-<random> as the admin, prints each time, the median,
# the 90th percentile, min and max, and deletes the sites again.
set -euo pipefail
count=${1:-10}
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
sites_port=${DIRECTOR_SITES_PORT:-8000}
domain=${DIRECTOR_SITES_DOMAIN:-sites.localhost}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

tag=$RANDOM
times=()
ids=()
for n in $(seq 1 "$count"); do
  name=bench-$n-$tag
  csrf=$(token /sites/new)
  start=$(date +%s%N)
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    -d "name=$name&description=benchmark&_csrf=$csrf" "$portal/sites/new")
  ids+=("${location##*/}")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $name.$domain" "http://127.0.0.1:$sites_port/")" = 200 ]; do
    [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 60000 ] || { echo "$name did not answer within 60 s" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "$name: ${ms} ms"
  # Let the operation record its last action before the next one starts.
  sleep 1
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "create -> 200 through the router, $count sites: median ${sorted[$((count / 2))]} ms," \
  "p90 ${sorted[$(( (count * 9 + 9) / 10 - 1 ))]} ms, min ${sorted[0]} ms, max ${sorted[$((count - 1))]} ms"

for i in "${!ids[@]}"; do
  csrf=$(token "/sites/${ids[$i]}")
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=bench-$((i + 1))-$tag&_csrf=$csrf" "$portal/sites/${ids[$i]}/delete"
done
echo "deleted the $count benchmark sites"
