#!/usr/bin/env bash
# An operator's script on ./director ctl orchestrator: sign in to the operator API with an operator's token (read from
# standard input), find a site by name among the app server's sites, converge them all, inspect the site, list the
# nodes, app servers and images, reload the app servers, check that refusals have the exit codes the client promises,
# and print the site's id last.
# Usage: orchestrator-operator.sh <the project's directory> <the orchestrator's address> <site name> < token
set -euo pipefail
director=$1/director url=$2 name=$3
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
. "$(dirname "$0")/expect.sh"

"$director" ctl orchestrator login "$url" >&2
[ "$(stat -c %a "$XDG_CONFIG_HOME/director/operator")" = 600 ] || { echo "credentials readable by others" >&2; exit 10; }
id=$("$director" ctl orchestrator sites --json | jq -r --arg name "$name" 'select(.name == $name) | .id')
[ -n "$id" ] || { echo "no site $name on the app server" >&2; exit 12; }
"$director" ctl orchestrator converge --all >&2
"$director" ctl orchestrator converge "$id" >&2
"$director" ctl orchestrator site "$id" | jq -e '.site.applied and (.configFiles | length) > 0' >/dev/null \
  || { echo "site $id has no applied spec or web server file" >&2; exit 13; }
nodes=$("$director" ctl orchestrator nodes)
echo "$nodes" >&2
grep -q leader <<<"$nodes" || { echo "no leader among the nodes" >&2; exit 14; }
"$director" ctl orchestrator appservers >&2
"$director" ctl orchestrator reload >&2
"$director" ctl orchestrator images >&2
"$director" ctl orchestrator prune --dry-run >&2

expect 1 "$director" ctl orchestrator converge 999999999
expect 2 "$director" ctl orchestrator converge "1; rm -rf /"
expect 2 "$director" ctl orchestrator node NOT-AN-ID drain
expect 2 "$director" ctl orchestrator frobnicate
expect 3 env DIRECTOR_OPERATOR_URL="$url" DIRECTOR_OPERATOR_TOKEN=dop_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \
  "$director" ctl orchestrator nodes
expect 4 env DIRECTOR_OPERATOR_URL=http://127.0.0.1:1 \
  DIRECTOR_OPERATOR_TOKEN=dop_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA "$director" ctl orchestrator nodes
"$director" ctl orchestrator audit --limit 3 >&2

echo "$id"
