#!/usr/bin/env bash
# Measures the file editor on a running platform, through the portal as a browser uses it. Run by hand:
#   DIRECTOR_BENCH_PASSWORD=<password> DIRECTOR_BENCH_SITE=<site id> bench/editor.sh [files] [saves]
# It writes <files> files (default 1000) into public/bench-<random>/ of the site, then prints
#   - the time to open the editor: the page plus its tree and usage calls (median and 90th percentile of 20),
#   - the save round trip (PUT with the version token) over <saves> saves (default 200): p50, p99, max,
# and deletes the folder again.
set -euo pipefail
files=${1:-1000}
saves=${2:-200}
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
site=${DIRECTOR_BENCH_SITE:?set DIRECTOR_BENCH_SITE to the id of a site $user may edit}
jar=$(mktemp); out=$(mktemp); trap 'rm -f "$jar" "$out"' EXIT
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o "name=\"_csrf\" [a-z]*=\"[^\"]*\"" | head -1 | sed 's/.*="//;s/"$//'; }
now() { date +%s%N; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
# percentile P of the numbers on stdin
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR * p + 99) / 100); if (i < 1) i = 1; print v[i] }'; }

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
csrf=$(token "/sites/$site/files")
[ -n "$csrf" ] || { echo "cannot open the editor of site $site as $user" >&2; exit 1; }
api="$portal/sites/$site/files/api"
call() { curl -s -b "$jar" -H "X-CSRF-TOKEN: $csrf" "$@"; }

dir=public/bench-$RANDOM
status=$(call -o /dev/null -w '%{http_code}' -X POST "$api/mkdir?path=$dir")
[ "$status" = 201 ] || [ "$status" = 200 ] || { echo "cannot create $dir (HTTP $status)" >&2; exit 1; }
start=$(now)
for n in $(seq 1 "$files"); do
  status=$(call -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: text/plain' --data-binary "<p>file $n</p>" \
    "$api/content?path=$dir/f$n.html")
  [ "$status" = 200 ] || { echo "writing $dir/f$n.html failed (HTTP $status)" >&2; exit 1; }
done
echo "wrote $files files in $(ms "$start") ms"

for n in $(seq 1 20); do
  start=$(now)
  curl -s -b "$jar" -o /dev/null "$portal/sites/$site/files"
  call -o /dev/null "$api/tree" & call -o /dev/null "$api/usage" & wait
  ms "$start"
done > "$out"
echo "open the editor ($files+ files): p50 $(pct 50 < "$out") ms, p90 $(pct 90 < "$out") ms"

version=$(call "$api/content?path=$dir/f1.html" | sed 's/.*"version":"\([^"]*\)".*/\1/')
for n in $(seq 1 "$saves"); do
  start=$(now)
  version=$(call -X PUT -H 'Content-Type: text/plain' --data-binary "<p>save $n</p>" \
    "$api/content?path=$dir/f1.html&version=$version" | sed 's/.*"version":"\([^"]*\)".*/\1/')
  ms "$start"
done > "$out"
echo "save round trip ($saves saves): p50 $(pct 50 < "$out") ms, p99 $(pct 99 < "$out") ms, max $(pct 100 < "$out") ms"

call -o /dev/null -X DELETE "$api?path=$dir&recursive=true"
