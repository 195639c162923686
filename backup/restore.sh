#!/usr/bin/env bash
# ./director restore ARCHIVE: brings back a platform from an archive of ./director backup, into DIRECTOR_DATA, which
# must be empty or not exist (a restore never mixes with a platform's own state). Every part is checked against the
# archive's checksums before anything is written; the data directory appears only once all of it is in place, and
# sites' MySQL databases made by a restore that then fails are dropped again. The next ./director up starts the
# restored platform: each PostgreSQL replays its WAL to the moment of the backup, the orchestrator puts the sites'
# files on a new sites' volume, and the manager's reconciler makes every site's service, app server file and route.
set -euo pipefail

data=${DIRECTOR_DATA:?DIRECTOR_DATA is not set; run this as ./director restore ARCHIVE}
docker=${DOCKER:-/usr/bin/docker}
archive=${1:-}

say() { printf '[director] %s\n' "$*"; }
die() { printf '[director] error: %s\n' "$*" >&2; exit 1; }

[ -n "$archive" ] || die "usage: ./director restore ARCHIVE"
[ "$(id -u)" = 0 ] || die "./director restore runs as root: it gives every site's files back to their own users"
[ -f "$archive" ] || die "$archive is not a file"
if [ -d "$data" ] && [ -n "$(ls -A "$data")" ]; then
  die "$data is not empty: a restore goes into a new data directory; set DIRECTOR_DATA to one that does not exist"
fi
[ ! -e "$data" ] || [ -d "$data" ] || die "$data exists and is not a folder"
if [ -n "$(pgrep -f "nginx: master process.*$data/router-nginx" || true)" ]; then
  die "a platform runs from $data; stop it first (./director down)"
fi

started=$(date +%s)
parent=$(dirname "$data")
mkdir -p "$parent"
stage=$(mktemp -d "$parent/.director-restore.XXXXXX")
made_databases=() made_users=()
cleanup() {
  local db user
  for db in "${made_databases[@]}"; do
    mariadb -e "drop database if exists \`$db\`" 2>/dev/null || true
  done
  for user in "${made_users[@]}"; do
    mariadb -e "drop user if exists $user" 2>/dev/null || true
  done
  rm -rf "$stage"
}
trap cleanup EXIT

say "checking $archive"
mkdir "$stage/archive"
tar -xf "$archive" -C "$stage/archive" 2>"$stage/tar.log" || die "$archive is not a backup archive: $(head -1 "$stage/tar.log")"
parts=$stage/archive
[ -f "$parts/manifest.json" ] && [ -f "$parts/SHA256SUMS" ] || die "$archive holds no manifest.json and SHA256SUMS: not a backup of ./director backup"
grep -q '"format": 1,' "$parts/manifest.json" || die "$archive is of a backup format this version does not read"
(cd "$parts" && sha256sum --quiet --strict -c SHA256SUMS >"$stage/sums.log" 2>&1) \
  || die "$archive is damaged; these parts do not match their checksums: $(grep -v '^sha256sum' "$stage/sums.log" | head -5 | tr '\n' ' ')"
for part in secrets.tar.gz state.tar.gz sites.tar.gz; do
  [ -f "$parts/$part" ] || die "$archive lacks $part"
done

# Sites' MySQL databases go back into this machine's MariaDB; none of them may exist there yet.
dumps=()
for dump in "$parts"/mysql/*.sql.gz; do
  [ -f "$dump" ] || continue
  db=$(basename "$dump" .sql.gz)
  [[ "$db" =~ ^[A-Za-z0-9_]+$ ]] || die "$archive names a MySQL database this will not restore: $db"
  dumps+=("$db")
done
if [ "${#dumps[@]}" -gt 0 ]; then
  mariadb -e 'select 1' >/dev/null 2>&1 || die "the archive holds sites' MySQL databases, and MariaDB does not answer root on this machine"
  for db in "${dumps[@]}"; do
    [ -z "$(mariadb -N -B -e "select schema_name from information_schema.schemata where schema_name = '$db'")" ] \
      || die "MariaDB here already has a database $db; drop it or restore on another machine"
  done
  # The sites' users, likewise: a restore makes them, and takes away only what it made when it fails.
  mapfile -t site_users < <(grep -o '^CREATE OR REPLACE USER `[A-Za-z0-9_]*`@`[A-Za-z0-9.%:_-]*`' \
    "$parts/mysql/users.sql" | sed 's/^CREATE OR REPLACE USER //')
  for user in "${site_users[@]}"; do
    name=${user%%\`@*}; name=${name#\`}
    [ -z "$(mariadb -N -B -e "select 1 from mysql.user where user = '$name' limit 1")" ] \
      || die "MariaDB here already has a user $name; drop it or restore on another machine"
  done
fi

new=$stage/data
mkdir -m 755 "$new"
# The platform's own files stay root's until ./director up gives them to its service user, which this machine may
# not have yet; the uid they had on the old one may be someone else's here.
tar --no-same-owner -xzf "$parts/secrets.tar.gz" -C "$new"
tar --no-same-owner -xzf "$parts/state.tar.gz" -C "$new"
for pg in postgres site-postgres; do
  if [ -f "$parts/$pg.tar.gz" ]; then
    mkdir -m 700 "$new/$pg"
    tar --no-same-owner -xzf "$parts/$pg.tar.gz" -C "$new/$pg"
  fi
done
mkdir -m 755 "$new/sites"
tar --numeric-owner --xattrs --acls -xzf "$parts/sites.tar.gz" -C "$new/sites"
sites=$(find "$new/sites" -mindepth 1 -maxdepth 1 -type d | wc -l)

if [ "${#dumps[@]}" -gt 0 ]; then
  say "restoring ${#dumps[@]} sites' MySQL databases"
  for db in "${dumps[@]}"; do
    made_databases+=("$db")
    gunzip -c "$parts/mysql/$db.sql.gz" | mariadb || die "MariaDB refused the dump of $db"
  done
  # Their users, with the password hashes they had: whatever has those names here is replaced (the names carry the
  # platform's prefix). The manager's admin user is made only where no user of its name exists; one that does is
  # kept as it is, never changed.
  made_users=("${site_users[@]}")
  mariadb <"$parts/mysql/users.sql" || die "MariaDB refused the sites' MySQL users"
  for admin in "$parts"/mysql/admin-*.sql; do
    [ -f "$admin" ] || continue
    name=$(basename "$admin" .sql); name=${name#admin-}
    [[ "$name" =~ ^[A-Za-z0-9_]+$ ]] || die "$archive names a MySQL user this will not restore: $name"
    if [ -n "$(mariadb -N -B -e "select 1 from mysql.user where user = '$name' limit 1")" ]; then
      say "kept MariaDB's own user $name, which the manager administers the server with"
    else
      mariadb <"$admin" || die "MariaDB refused the manager's admin user $name"
    fi
  done
fi

if [ -f "$parts/images.tar.gz" ]; then
  say "loading the sites' own images"
  gunzip -c "$parts/images.tar.gz" | "$docker" load -q >/dev/null || die "Docker refused the sites' images"
fi

[ ! -d "$data" ] || rmdir "$data"
mv "$new" "$data"
made_databases=() made_users=()
say "restored $sites sites into $data in $(($(date +%s) - started)) s; start the platform with ./director up"
