#!/usr/bin/env bash
# An operator's script on ./director ctl: sign in with a token (read from standard input), create a static site and
# wait for it, find it in the list, check that refusals have the exit codes the client promises, print the address.
# Usage: operator.sh <the project's directory> <the portal's address> <site name> < token
set -euo pipefail
director=$1/director url=$2 name=$3
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

"$director" ctl login "$url" >&2
[ "$(stat -c %a "$XDG_CONFIG_HOME/director/credentials")" = 600 ] || { echo "credentials readable by others" >&2; exit 10; }
"$director" ctl sites create "$name" --description "made by a script" --wait >&2
id=$("$director" ctl sites list --query "$name" --json | jq -r --arg name "$name" 'select(.name == $name) | .id')

expect() {
  local want=$1 got=0; shift
  "$director" ctl "$@" >/dev/null 2>&1 || got=$?
  [ "$got" = "$want" ] || { echo "ctl $*: exit $got, not $want" >&2; exit 11; }
}
expect 1 sites show 999999999
expect 1 sites create "$name"
expect 2 sites show "1; rm -rf /"
expect 2 sites frobnicate
DIRECTOR_TOKEN=director_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA expect 3 sites list
DIRECTOR_URL=http://127.0.0.1:1 expect 4 sites list

"$director" ctl sites show "$id" --json | jq -r '.url'
