#!/usr/bin/env bash
# ./director backup [FILE]: one archive of the platform in DIRECTOR_DATA, taken while it runs (or while it is stopped).
#
# What it holds (manifest.json lists each part with its size, SHA256SUMS their checksums):
#   secrets.tar.gz        the components' keys, the manager's encryption key, the sites' PostgreSQL password
#   state.tar.gz          the SSH server's host keys, the router's certificates, the operators' tokens and the record
#                         of their calls
#   postgres.tar.gz       the manager's PostgreSQL, site-postgres.tar.gz the sites' PostgreSQL: each a copy of its
#                         files taken between pg_backup_start and pg_backup_stop, with the WAL that makes it whole; the
#                         first start after a restore replays it (a stopped server's files are copied as they are)
#   sites.tar.gz          every site's files, from read-only Btrfs snapshots taken one site after another
#   mysql/<db>.sql.gz     each site's MySQL database on this machine's MariaDB (one transaction each), and
#   mysql/users.sql       their users, and mysql/admin-<user>.sql the manager's admin user (unless it is root), with
#                         their password hashes and grants
#   images.tar.gz         the sites' own images (those with packages of their own)
# Each database is consistent in itself, each site's files too; they are taken one after another within the run.
# A part that cannot be taken (a site's MySQL database its owner broke or holds locked) is named in the manifest and
# the rest is archived all the same; the command then ends with status 3, so that a script notices.
set -euo pipefail
# Nothing written here is for anyone but root: the archive holds every key and every site's data.
umask 077

data=${DIRECTOR_DATA:?DIRECTOR_DATA is not set; run this as ./director backup}
platform=${DIRECTOR_PLATFORM:-}
docker=${DOCKER:-/usr/bin/docker}
out=${1:-$PWD/director-backup-$(date -u +%Y%m%dT%H%M%SZ).tar}
case "$out" in /*) ;; *) out=$PWD/$out ;; esac

say() { printf '[director] %s\n' "$*"; }
die() { printf '[director] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "./director backup runs as root: it reads every site's files and the databases' own"
[ -d "$data/secrets" ] || die "$data holds no platform (no secrets/); set DIRECTOR_DATA to the platform's data directory"
[ ! -e "$out" ] || die "$out exists; give another file name"
[ -d "$(dirname "$out")" ] || die "the folder $(dirname "$out") does not exist"

started=$(date +%s)
# Everything is written beside the archive and renamed into place at the end: a backup cut short leaves no archive
# that looks whole.
stage=$(mktemp -d "$(dirname "$out")/.director-backup.XXXXXX")
snapshots=
# Each step goes on when one before it failed: a trap that stopped halfway would leave the keys in $stage.
drop_snapshots() { # folder
  local snapshot
  [ -n "$1" ] && [ -d "$1" ] || return 0
  for snapshot in "$1"/*; do
    [ -e "$snapshot" ] && { btrfs subvolume delete "$snapshot" >/dev/null 2>&1 || true; }
  done
  rmdir "$1" 2>/dev/null || true
}
cleanup() {
  drop_snapshots "$snapshots" || true
  rm -rf "$stage" || true
}
trap cleanup EXIT
notes=()
problems=()

# The port of the PostgreSQL serving a data directory, if one runs (postmaster.pid's fourth line), else nothing.
# A server the Swarm stack's manager runs has a pid of its container's own, not of this machine: there, the server
# that answers on that port must say it serves this very directory.
running_port() { # directory password
  local pidfile=$1/postmaster.pid pid port
  [ -s "$pidfile" ] || return 0
  pid=$(sed -n 1p "$pidfile") port=$(sed -n 4p "$pidfile")
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && grep -qa postgres "/proc/$pid/cmdline"; then
    echo "$port"
  elif [[ "$port" =~ ^[0-9]+$ ]] && [ "$(PGPASSWORD=$2 PGCONNECT_TIMEOUT=5 psql -X -A -t -h 127.0.0.1 -p "$port" \
      -U postgres -d postgres -c 'show data_directory' 2>/dev/null)" = "$1" ]; then
    echo "$port"
  fi
}

# What PostgreSQL's documentation says a base backup leaves out: files the server remakes on start.
pg_excludes=(--exclude=./postmaster.pid --exclude=./postmaster.opts --exclude=./epg-lock --exclude=./backup_label
  --exclude=./tablespace_map --exclude='./pg_wal/*' --exclude='./pg_replslot/*' --exclude='./pg_dynshmem/*'
  --exclude='./pg_notify/*' --exclude='./pg_serial/*' --exclude='./pg_snapshots/*' --exclude='./pg_stat_tmp/*'
  --exclude='./pg_subtrans/*' --exclude='pgsql_tmp*')

# tar that accepts files changing or vanishing while read (exit status 1): a live PostgreSQL's are expected to, and
# the WAL copied after pg_backup_stop makes them whole.
tar_live() {
  local status=0
  tar --warning=no-file-changed --warning=no-file-removed --warning=no-file-shrank "$@" || status=$?
  [ "$status" -le 1 ] || die "tar failed ($status) while copying: tar $*"
}

# Copies one PostgreSQL data directory into $stage/NAME.tar.gz.
pg_copy() { # name directory password
  local name=$1 dir=$2 password=$3 port work line label=() sentinel
  if [ ! -f "$dir/PG_VERSION" ]; then
    notes+=("$name: no embedded PostgreSQL in $dir (an external one is backed up with its own tools)")
    return 0
  fi
  port=$(running_port "$dir" "$password")
  work=$(mktemp -d "$stage/.$name.XXXXXX")
  if [ -z "$port" ]; then
    tar_live -C "$dir" --exclude=./postmaster.pid --exclude=./epg-lock -cf "$work/data.tar" .
    notes+=("$name: copied while its server was stopped")
  else
    # One session holds the backup open: pg_backup_stop must be called on the connection that started it. The
    # temporary replication slot keeps every WAL segment from its start until the session ends. Its pid and pipes
    # are copied at once: bash forgets PG and PG_PID as soon as psql has ended.
    local to from pg_pid
    coproc PG { PGPASSWORD=$password PGCONNECT_TIMEOUT=10 psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
      -U postgres -d postgres 2>"$work/psql.log"; }
    pg_pid=$PG_PID
    exec {to}>&"${PG[1]}" {from}<&"${PG[0]}"
    sentinel="director-backup-$$-$RANDOM"
    refused() { die "$name: PostgreSQL refused the backup: $(grep -v 'major version' "$work/psql.log" | head -3 | tr '\n' ' ')"; }
    # Reads the session's answers up to the sentinel; psql stopping (an error, with ON_ERROR_STOP) ends the backup.
    answer() {
      local line; label=()
      while IFS= read -r -t 600 line <&"$from"; do
        [ "$line" = "$sentinel" ] && return 0
        label+=("$line")
      done
      refused
    }
    ask() { printf '%s\n' "$@" >&"$to" 2>/dev/null || refused; }
    # A psql that ended while it was being written to must not end this script by SIGPIPE before it says why.
    trap '' PIPE
    ask "select 1 from pg_create_physical_replication_slot('director_backup_' || pg_backend_pid(), true, true);" \
      "select pg_backup_start('director backup', true);" "select '$sentinel';"
    answer
    tar_live -C "$dir" "${pg_excludes[@]}" -cf "$work/data.tar" .
    ask "select encode(convert_to(labelfile, 'UTF8'), 'base64') from pg_backup_stop(false);" "select '$sentinel';"
    answer
    printf '%s\n' "${label[@]}" | base64 -d >"$work/backup_label"
    grep -q '^START WAL LOCATION' "$work/backup_label" || die "$name: pg_backup_stop gave no backup label"
    # The WAL from the slot's start to now, past the backup's end: recovery replays it on the first start. The label
    # belongs to the data directory's owner, like every file beside it.
    tar_live -C "$dir" -rf "$work/data.tar" ./pg_wal
    tar -C "$work" --owner="$(stat -c %u "$dir")" --group="$(stat -c %g "$dir")" -rf "$work/data.tar" ./backup_label
    ask '\q'
    exec {to}>&- {from}<&-
    wait "$pg_pid" 2>/dev/null || true
    trap - PIPE
    notes+=("$name: copied while its server ran, between pg_backup_start and pg_backup_stop")
  fi
  gzip -1 <"$work/data.tar" >"$stage/$name.tar.gz"
  rm -rf "$work"
}

manager_sql() { # query: the manager's own database, when it is the embedded one and runs
  local port; port=$(running_port "$data/postgres" "")
  [ -n "$port" ] || return 1
  psql -X -q -A -t -F $'\t' -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "$1" 2>/dev/null
}

say "backing up $data into $out"
tar -C "$data" -czf "$stage/secrets.tar.gz" secrets
state=()
for dir in shell router-nginx/certs operators; do [ -d "$data/$dir" ] && state+=("$dir"); done
if [ "${#state[@]}" -gt 0 ]; then
  tar -C "$data" -czf "$stage/state.tar.gz" "${state[@]}"
else
  tar -czf "$stage/state.tar.gz" -T /dev/null
fi

site_password=
[ -s "$data/secrets/site-postgres.password" ] && site_password=$(cat "$data/secrets/site-postgres.password")
pg_copy postgres "$data/postgres" ""
pg_copy site-postgres "$data/site-postgres" "$site_password"

# Sites' files: a read-only snapshot of each site's subvolume, archived from there; a site folder that is not one
# (no sites' volume) is archived as it is.
sites=$data/sites
members=()
site_count=0
if [ -d "$sites" ]; then
  if [ "$(stat -f -c %T "$sites")" = btrfs ]; then
    # What a backup killed before its trap ran left behind.
    for stale in "$sites"/.backup-*; do
      if [ -d "$stale" ] && ! kill -0 "${stale##*.backup-}" 2>/dev/null; then drop_snapshots "$stale"; fi
    done
    snapshots=$sites/.backup-$$
    mkdir -m 700 "$snapshots"
  fi
  for folder in "$sites"/*; do
    id=$(basename "$folder")
    [[ "$id" =~ ^[1-9][0-9]{0,18}$ ]] && [ -d "$folder" ] && [ ! -L "$folder" ] || continue
    site_count=$((site_count + 1))
    if [ -n "$snapshots" ] && btrfs subvolume snapshot -r "$folder" "$snapshots/$id" >/dev/null 2>&1; then
      members+=(-C "$snapshots" "$id")
    else
      members+=(-C "$sites" "$id")
    fi
  done
fi
if [ "${#members[@]}" -gt 0 ]; then
  tar_live --numeric-owner --xattrs --acls -czf "$stage/sites.tar.gz" "${members[@]}"
else
  tar -czf "$stage/sites.tar.gz" -T /dev/null
fi
drop_snapshots "$snapshots"
snapshots=
notes+=("sites: the files of $site_count sites")

# Sites' MySQL databases on this machine's MariaDB, reached as its root over the unix socket; those on other
# servers are named in the manifest, to be backed up there.
mkdir "$stage/mysql"
: >"$stage/mysql/users.sql"
if ! mysql_rows=$(manager_sql "select d.name, d.username, h.admin_host, h.admin_username from site_databases d
    join database_hosts h on h.id = d.host_id where h.engine = 'MYSQL' and d.status <> 'DELETING' order by d.name"); then
  mysql_rows=
  problems+=("mysql: the manager's database could not be read (stopped, or external), so sites' MySQL databases were not looked for; back them up with mysqldump")
fi
# One account's CREATE USER (with its password hash) and GRANTs, for every host it has, as statements.
mysql_account() { # user create-verb
  local account=$1 verb=$2 h
  for h in $(mariadb -N -B -e "select host from mysql.user where user = '$account'"); do
    [[ "$h" =~ ^[A-Za-z0-9.%:_-]+$ ]] || continue
    mariadb -N -B -r -e "show create user '$account'@'$h'" | sed "s/^CREATE USER /$verb /; s/\$/;/"
    mariadb -N -B -r -e "show grants for '$account'@'$h'" | sed 's/$/;/'
  done
}
while IFS=$'\t' read -r db user host admin; do
  [ -n "$db" ] || continue
  [[ "$db" =~ ^[A-Za-z0-9_]+$ && "$user" =~ ^[A-Za-z0-9_]+$ && "$admin" =~ ^[A-Za-z0-9_]+$ ]] \
    || die "the manager's database names a MySQL database or user this cannot quote: $db, $user, $admin"
  case "$host" in
    127.0.0.1 | localhost | ::1) ;;
    *) notes+=("mysql: $db is on $host, not on this machine: back it up there"); continue ;;
  esac
  # Its owner may have broken it (a view of a dropped table) or hold a lock on it: --force goes past the one, the
  # timeout past the other, and either is told without stopping the backup of everyone else's.
  status=0
  timeout 30m mysqldump --force --single-transaction --routines --triggers --events --databases "$db" \
    2>"$stage/mysql/$db.err" | gzip -1 >"$stage/mysql/$db.sql.gz" || status=$?
  if [ "$status" -ne 0 ]; then
    problems+=("mysql: $db is in the archive only in part or not at all (mysqldump: $(head -1 "$stage/mysql/$db.err"))")
  fi
  rm -f "$stage/mysql/$db.err"
  # The site's user is the platform's own (its name carries the platform's prefix): a restore replaces one of that
  # name. The account the manager administers the server with may be anyone's, root included: a restore makes it
  # only where it does not exist.
  mysql_account "$user" "CREATE OR REPLACE USER" >>"$stage/mysql/users.sql"
  case "$admin" in
    root | mysql | mariadb.sys) ;;
    *) [ -f "$stage/mysql/admin-$admin.sql" ] || mysql_account "$admin" "CREATE USER" >"$stage/mysql/admin-$admin.sql" ;;
  esac
  [ "$status" -ne 0 ] || notes+=("mysql: $db")
done <<<"$mysql_rows"

# The sites' own images, made from their runtimes with packages of their own.
repository="director/${platform:+$platform-}site-"
images=()
if "$docker" info >/dev/null 2>&1; then
  mapfile -t images < <("$docker" images --format '{{.Repository}}:{{.Tag}}' | grep -E "^${repository//./\\.}[0-9]+:" || true)
fi
if [ "${#images[@]}" -gt 0 ]; then
  "$docker" save "${images[@]}" | gzip -1 >"$stage/images.tar.gz"
fi
notes+=("images: ${#images[@]} of the sites' own")

json_list() { # one JSON string a line, from lines
  sed 's/\\/\\\\/g; s/"/\\"/g; s/[[:cntrl:]]/ /g' | awk '{ printf "%s    \"%s\"", (NR > 1 ? ",\n" : ""), $0 } END { print "" }'
}
(cd "$stage" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs -r sha256sum >SHA256SUMS)
{
  printf '{\n  "format": 1,\n  "created": "%s",\n  "platform": "%s",\n  "sites": %d,\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$platform" "$site_count"
  printf '  "parts": [\n'
  (cd "$stage" && find . -type f ! -name SHA256SUMS ! -name manifest.json -printf '%P\t%s\n' | sort) \
    | awk -F'\t' '{ printf "%s    {\"name\": \"%s\", \"bytes\": %s}", (NR > 1 ? ",\n" : ""), $1, $2 } END { print "" }'
  printf '  ],\n  "notes": [\n'
  printf '%s\n' "${notes[@]}" | json_list
  printf '  ],\n  "problems": [\n'
  [ "${#problems[@]}" -eq 0 ] || printf '%s\n' "${problems[@]}" | json_list
  printf '  ]\n}\n'
} >"$stage/manifest.json"
# Written inside the private staging folder, then renamed into place whole.
(cd "$stage" && find . -type f ! -name SHA256SUMS ! -name manifest.json ! -name .parts -printf '%P\n' | sort >.parts)
tar -C "$stage" -cf "$stage/.archive" manifest.json SHA256SUMS -T "$stage/.parts"
mv "$stage/.archive" "$out"
say "backed up $site_count sites in $(($(date +%s) - started)) s: $out ($(du -h "$out" | cut -f1))"
printf '[director]   %s\n' "${notes[@]}"
if [ "${#problems[@]}" -gt 0 ]; then
  printf '[director] NOT IN THE ARCHIVE: %s\n' "${problems[@]}" >&2
  exit 3
fi
