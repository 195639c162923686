#!/usr/bin/env bash
# Every benchmark that runs against one running platform (./director up), one after another, and one table of their
# summary figures and ratios at the end, so that runs on two builds can be compared line by line. Run by hand:
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/all.sh
# Each benchmark's whole output is kept in DIRECTOR_BENCH_LOGS (a new temporary folder by default). Not run here:
# https.sh (it starts a platform of its own), wordpress.sh (it needs DIRECTOR_SITES_HOST_PORTS), editor.sh (it needs a
# site of yours), backup.sh and disk.sh (they measure the machine's disk). scale.py runs last, and only when
# DIRECTOR_BENCH_SCALE names its counts (say "1000 5000 10000"): it leaves that many sites behind, so run it on a
# platform you can throw away.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of the admin}"
data=${DIRECTOR_DATA:-$here/../.data}
logs=${DIRECTOR_BENCH_LOGS:-$(mktemp -d /tmp/director-bench.XXXXXX)}
mkdir -p "$logs"
table=$logs/table.txt
: >"$table"

# Resident memory of a component: its process and every process below it (setpriv, java), in MB.
resident() { # name
  local pid; pid=$(cat "$data/run/$1.pid" 2>/dev/null) || { echo "?"; return; }
  local pids=("$pid") all=() kb=0
  while [ ${#pids[@]} -gt 0 ]; do
    all+=("${pids[@]}")
    mapfile -t pids < <(for p in "${pids[@]}"; do ps -o pid= --ppid "$p"; done | tr -d ' ')
  done
  for p in "${all[@]}"; do kb=$((kb + $(ps -o rss= -p "$p" 2>/dev/null || echo 0))); done
  echo $((kb / 1024))
}

idle_memory() {
  local total=0 name mb
  for name in manager orchestrator router shell; do
    mb=$(resident "$name")
    echo "idle resident memory, $name: $mb MB"
    [ "$mb" = "?" ] || total=$((total + mb))
  done
  echo "idle resident memory, the four components: $total MB"
}

# Runs one benchmark, keeps its output, and puts its summary lines (the ones with a median, a rate or a ratio; not
# the per-site lines) in the table under its name.
bench() { # name command...
  local name=$1; shift
  echo "== $name"
  local started=$SECONDS
  if "$@" >"$logs/$name.log" 2>&1; then
    grep -E 'median|p50|req/s|of bare|MB/s|memory|as long' "$logs/$name.log" | sed "s/^/$name | /" | tee -a "$table"
  else
    echo "$name | FAILED after $((SECONDS - started)) s: see $logs/$name.log" | tee -a "$table"
  fi
}

bench idle-memory idle_memory
bench static-throughput "$here/static-throughput.sh"
bench site-throughput "$here/site-throughput.sh"
bench site-creation "$here/site-creation.sh" 10
bench dynamic-sites "$here/dynamic-sites.sh" 5
bench databases "$here/databases.sh" 3
bench terminal python3 "$here/terminal.py"
if [ -n "${DIRECTOR_BENCH_SCALE:-}" ]; then
  # Its table is its summary: every line of it goes to this one.
  echo "== scale"
  # shellcheck disable=SC2086 # the counts are words
  if python3 "$here/scale.py" $DIRECTOR_BENCH_SCALE >"$logs/scale.log" 2>&1; then
    sed -n '/^sites /,$p' "$logs/scale.log" | sed -E 's/ {2,}/ | /; s/^/scale | /' | tee -a "$table"
  else
    echo "scale | FAILED: see $logs/scale.log" | tee -a "$table"
  fi
fi

echo
echo "== all figures (logs in $logs)"
column -t -s '|' "$table"
