#!/usr/bin/env bash
# Builds Director's images locally (no registry is assumed) and reuses any that already exist.
#   director/base:bookworm  a minimal Debian made with debootstrap and imported into Docker
#   director/nginx:3        the appserver Nginx that serves every site (Swarm services director-nginx, -2)
#   director/dbtools:1      pg_dump 17 and mariadb-dump on Debian trixie, which dump a site's database for its owner
#   director/runtime-*:N    what sites run in: plain, python, node (:3) and php (:5), the last three built on plain
# Pass --force to rebuild images that exist.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
docker=${DOCKER:-/usr/bin/docker}
mirror=${DIRECTOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
force=false
[ "${1:-}" = "--force" ] && force=true

have() { "$docker" image inspect "$1" >/dev/null 2>&1; }

# A Debian made with debootstrap (and the packages given) imported into Docker as the image, about a minute each.
debootstrap_image() { # image suite packages
  echo "building $1 with debootstrap (about a minute)"
  local root; root=$(mktemp -d /tmp/director-base.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase ${3:+--include=$3} "$2" "$root" "$mirror" >/tmp/director-debootstrap.log 2>&1 \
    || { echo "debootstrap failed; see /tmp/director-debootstrap.log" >&2; exit 1; }
  # Keep the image small: no apt lists or caches, no docs.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" -c . | "$docker" import \
    --change 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$1" >/dev/null
  rm -rf "$root"; trap - EXIT
}

if $force || ! have director/base:bookworm; then
  debootstrap_image director/base:bookworm bookworm ""
fi
# The database clients that dump a site's database for its owner's copy: PostgreSQL 17's pg_dump, as the embedded
# server is 17 and a pg_dump refuses a server newer than itself (bookworm has 15, trixie 17), and MariaDB's.
if $force || ! have director/dbtools:1; then
  debootstrap_image director/dbtools:1 trixie postgresql-client-17,mariadb-client
fi

build() { # image dir
  if $force || ! have "$1"; then
    echo "building $1"
    "$docker" build -q -t "$1" "$here/$2" >/dev/null
  fi
}
build director/nginx:3 nginx
build director/runtime-plain:3 runtime-plain
build director/runtime-python:3 runtime-python
build director/runtime-node:3 runtime-node
build director/runtime-php:5 runtime-php
echo "images ready: $("$docker" images --format '{{.Repository}}:{{.Tag}}' | grep '^director/' \
  | grep -vE '^director/(manager|orchestrator|router|shell):' | sort | tr '\n' ' ')"
