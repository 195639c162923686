#!/usr/bin/env bash
# Measures, on a running platform, the time from submitting "Create database" to its operation's SUCCEEDED, per engine.
# Run by hand, not by the test suite:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/databases.sh [count]
# It creates <count> dynamic Python sites (default 10) named bench-db-<n>-<random> as the admin, creates a database
# for each on every engine that has a host (the embedded PostgreSQL; a MySQL/MariaDB host too, added first when
# DIRECTOR_BENCH_MYSQL_HOST/_PORT/_USER/_PASSWORD and _SITES_HOST/_SITES_PORT are given and none exists), deleting
# each database before the next engine's. It prints each time, the median, the 90th percentile, min and max per
# engine, and deletes the sites again (which drops their databases).
set -euo pipefail
count=${1:-10}
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }

# A MySQL host, when one is described and the list shows none yet.
if [ -n "${DIRECTOR_BENCH_MYSQL_HOST:-}" ]; then
  # A row's engine cell reads "MySQL / MariaDB" (the page's introduction names MySQL too, so match the cell).
  if ! curl -s -b "$jar" "$portal/admin/database-hosts" | grep -q '<td>MySQL / MariaDB</td>'; then
    csrf=$(token /admin/database-hosts/new)
    status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
      --data-urlencode "name=Bench MariaDB" -d "engine=MYSQL" \
      --data-urlencode "adminHost=$DIRECTOR_BENCH_MYSQL_HOST" -d "adminPort=${DIRECTOR_BENCH_MYSQL_PORT:-3306}" \
      --data-urlencode "adminUsername=${DIRECTOR_BENCH_MYSQL_USER:-root}" \
      --data-urlencode "adminPassword=${DIRECTOR_BENCH_MYSQL_PASSWORD:-}" \
      --data-urlencode "sitesHost=${DIRECTOR_BENCH_MYSQL_SITES_HOST:-$DIRECTOR_BENCH_MYSQL_HOST}" \
      -d "sitesPort=${DIRECTOR_BENCH_MYSQL_SITES_PORT:-${DIRECTOR_BENCH_MYSQL_PORT:-3306}}" -d "enabled=true" \
      -d "_csrf=$csrf" "$portal/admin/database-hosts")
    case $status in 30?) echo "added the MySQL host Bench MariaDB" ;; *) echo "cannot add the MySQL host ($status)" >&2; exit 1 ;; esac
  fi
fi

tag=$RANDOM
ids=()
names=()
for n in $(seq 1 "$count"); do
  name=bench-db-$n-$tag
  csrf=$(token /sites/new)
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    -d "name=$name&description=benchmark&type=DYNAMIC&runtime=python&_csrf=$csrf" "$portal/sites/new")
  [ -n "$location" ] || { echo "cannot create the site $name" >&2; exit 1; }
  ids+=("${location##*/}")
  names+=("$name")
done

# Waits until the site's page shows its latest operation, of this label, SUCCEEDED; fails on FAILED or after 120 s.
await_operation() { # site-id label start-ms
  local page
  while true; do
    page=$(curl -s -b "$jar" "$portal/sites/$1")
    if grep -q ">$2<" <<<"$page"; then
      grep -q 'data-operation-status="SUCCEEDED"' <<<"$page" && return 0
      grep -q 'data-operation-status="FAILED"' <<<"$page" && { echo "$2 failed for site $1" >&2; return 1; }
    fi
    [ $(( $(now_ms) - $3 )) -lt 120000 ] || { echo "$2 did not finish within 120 s for site $1" >&2; return 1; }
    sleep 0.05
  done
}

for id in "${ids[@]}"; do await_operation "$id" "Create site" "$(now_ms)"; done
echo "created $count sites"

# Every enabled host the first site's database page offers: "<value> <engine label>", one engine each.
hosts=$(curl -s -b "$jar" "$portal/sites/${ids[0]}/database" | tr '\n' ' ' | grep -o '<option[^>]*value="[0-9][0-9]*"[^>]*>[^<]*</option>' \
  | sed 's/.*value="\([0-9]*\)"[^>]*>\([^<]*\)<\/option>/\1 \2/' || true)
[ -n "$hosts" ] || { echo "no database host is offered; an administrator must add one" >&2; exit 1; }
declare -A chosen=()
while read -r value label; do
  case $label in *"(PostgreSQL)") engine=PostgreSQL ;; *"(MySQL"*) engine=MySQL ;; *) continue ;; esac
  [ -n "${chosen[$engine]:-}" ] || chosen[$engine]=$value
done <<<"$hosts"

for engine in "${!chosen[@]}"; do
  host=${chosen[$engine]}
  times=()
  for i in "${!ids[@]}"; do
    id=${ids[$i]}
    csrf=$(token "/sites/$id/database")
    start=$(now_ms)
    status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -d "hostId=$host&_csrf=$csrf" \
      "$portal/sites/$id/database")
    case $status in 30?) ;; *) echo "creating the database of ${names[$i]} was refused ($status)" >&2; exit 1 ;; esac
    await_operation "$id" "Create database" "$start"
    ms=$(( $(now_ms) - start ))
    times+=("$ms")
    echo "$engine, ${names[$i]}: ${ms} ms"
    # Deleted again, so the next engine's round starts from a site without a database.
    csrf=$(token "/sites/$id/database")
    curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=${names[$i]}&_csrf=$csrf" "$portal/sites/$id/database/delete"
    await_operation "$id" "Delete database" "$(now_ms)"
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$engine: create database -> SUCCEEDED, $count sites: median ${sorted[$((count / 2))]} ms," \
    "p90 ${sorted[$(( (count * 9 + 9) / 10 - 1 ))]} ms, min ${sorted[0]} ms, max ${sorted[$((count - 1))]} ms"
done

for i in "${!ids[@]}"; do
  csrf=$(token "/sites/${ids[$i]}")
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=${names[$i]}&_csrf=$csrf" "$portal/sites/${ids[$i]}/delete"
done
echo "deleted the $count benchmark sites"
