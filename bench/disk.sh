#!/usr/bin/env bash
# What the sites' volume costs a site's writes: a site's folder on a Btrfs subvolume with a quota-group limit, made as
# the orchestrator makes it (sparse file, loop device, quotas on), against a plain folder on the disk that file sits
# on, the baseline, measured in the same run. Three workloads: one large file written and flushed (dd, conv=fsync),
# many small files (the shape of a node_modules or a git checkout), and deleting them. Also the subvolume guard's cost
# on each program a site starts (Perl installing the seccomp filter, then exec), against starting the program alone.
# Run by hand as root, not by the tests:   bench/disk.sh            (DIRECTOR_BENCH_DIR: where to work; /var/tmp)
set -euo pipefail
base=${DIRECTOR_BENCH_DIR:-/var/tmp}
mb=${DIRECTOR_BENCH_MB:-512}
files=${DIRECTOR_BENCH_FILES:-20000}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v bc >/dev/null || { echo "installing bc"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null; }
work=$(mktemp -d "$base/director-disk-bench.XXXXXX")
cleanup() { umount "$work/volume" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

truncate -s 4G "$work/sites.btrfs"
mkfs.btrfs -q -f "$work/sites.btrfs" >/dev/null
mkdir "$work/volume" "$work/plain"
mount -o loop,noatime,discard=async "$work/sites.btrfs" "$work/volume"
btrfs quota enable "$work/volume"
btrfs subvolume create "$work/volume/site" >/dev/null
btrfs qgroup limit 3G "$work/volume/site"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
large() { dd if=/dev/zero of="$1/large" bs=1M count="$mb" conv=fsync; rm -f "$1/large"; sync -f "$1"; }
small() { mkdir -p "$1/many"; (cd "$1/many" && seq "$files" | xargs -n 500 sh -c 'for i; do head -c 2048 /dev/zero > "f$i"; done' sh); sync -f "$1"; }
remove() { rm -rf "$1/many"; sync -f "$1"; }

printf '%-44s %10s %10s %8s\n' "workload" "plain (s)" "volume (s)" "ratio"
for workload in large small remove; do
  plain=$(seconds "$workload" "$work/plain")
  volume=$(seconds "$workload" "$work/volume/site")
  case $workload in
    large) what="one ${mb} MiB file, written and flushed" ;;
    small) what="$files files of 2 KiB, then flushed" ;;
    remove) what="deleting those $files files" ;;
  esac
  printf '%-44s %10.2f %10.2f %8.2f\n' "$what" "$plain" "$volume" "$(echo "$volume / $plain" | bc -l)"
done

script=$(grep -v '^\s*#' "$here/orchestrator/src/main/resources/disk/subvolume-guard.pl" | sed 's/  \+#.*$//')
alone=$(seconds sh -c 'for i in $(seq 200); do /bin/true; done')
guarded=$(seconds sh -c 'for i in $(seq 200); do perl -e "$0" -- /bin/true; done' "$script")
printf '%-44s %10.2f %10.2f %8.2f\n' "200 program starts (alone / under the guard)" "$alone" "$guarded" \
  "$(echo "$guarded / $alone" | bc -l)"
printf 'the guard adds %.1f ms to each program a site starts\n' "$(echo "($guarded - $alone) * 1000 / 200" | bc -l)"
