#!/usr/bin/env bash
# Measures ./director backup of a running platform with <count> sites (default 100), each with about 1 MiB of files,
# against the baseline of the same run: tar and gzip of the same data directory's files with nothing else (no
# snapshots, no PostgreSQL backup mode, no checksums). Run by hand, as root, from the repository, not by the tests:
#   DIRECTOR_DATA=<the platform's data> DIRECTOR_BENCH_PASSWORD=<admin password> bench/backup.sh [count]
# It creates the sites named bench-<n>-<random> as the admin, prints both times and sizes and their ratios, and
# deletes the sites and the archives again.
set -euo pipefail
count=${1:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
data=${DIRECTOR_DATA:?set DIRECTOR_DATA to the running platform\'s data directory}
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
work=$(mktemp -d /var/tmp/director-bench-backup.XXXXXX)
jar=$work/cookies
trap 'rm -rf "$work"' EXIT
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

tag=$RANDOM
ids=()
echo "creating $count sites with about 1 MiB of files each"
for n in $(seq 1 "$count"); do
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    -d "name=bench-$n-$tag&description=benchmark&_csrf=$(token /sites/new)" "$portal/sites/new")
  id=${location##*/}
  ids+=("$id")
  until [ -d "$data/sites/$id/public" ]; do sleep 0.2; done
  # Half text that compresses, half random bytes that do not, as a site's pages and pictures would.
  head -c 524288 /dev/urandom >"$data/sites/$id/public/picture.bin"
  # (yes ends by SIGPIPE when head has enough, which pipefail would take for a failure.)
  { yes "<p>page $n of the benchmark</p>" || true; } | head -c 524288 >"$data/sites/$id/public/page.html"
  chown -R --reference="$data/sites/$id/public" "$data/sites/$id/public"
  sleep 1
done

start=$(date +%s%N)
DIRECTOR_DATA=$data "$here/director" backup "$work/platform.tar" >"$work/backup.log"
backup_ms=$(( ($(date +%s%N) - start) / 1000000 ))
backup_bytes=$(stat -c %s "$work/platform.tar")

start=$(date +%s%N)
tar -C "$data" --warning=none -czf "$work/baseline.tar.gz" sites postgres site-postgres secrets 2>/dev/null || true
baseline_ms=$(( ($(date +%s%N) - start) / 1000000 ))
baseline_bytes=$(stat -c %s "$work/baseline.tar.gz")

sites=$(grep -o 'backed up [0-9]* sites' "$work/backup.log")
echo "./director backup ($sites): $backup_ms ms, $backup_bytes bytes"
echo "baseline (tar -czf of the same folders): $baseline_ms ms, $baseline_bytes bytes"
awk -v a="$backup_ms" -v b="$baseline_ms" -v c="$backup_bytes" -v d="$baseline_bytes" \
  'BEGIN { printf "ratio: time %.2f, size %.2f\n", a / b, c / d }'

for i in "${!ids[@]}"; do
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=bench-$((i + 1))-$tag&_csrf=$(token "/sites/${ids[$i]}")" \
    "$portal/sites/${ids[$i]}/delete"
  sleep 0.5
done
echo "deleted the $count benchmark sites"
