#!/usr/bin/env bash
# An administrator's script on ./director ctl: a class imported from a CSV file (quoted fields, CRLF line ends, one
# account with a password of its own and one without); a file with a wrong row anywhere (told by its line) or a quote
# left open creates nobody; a dry run creates nobody; importing again skips the accounts; a limit on sites is set.
# Prints the password made for imported_ann last.
# Usage: accounts.sh <the project's directory> <the portal's address> < token
set -euo pipefail
director=$1/director url=$2
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
. "$(dirname "$0")/expect.sh"

"$director" ctl login "$url" >&2
csv=$XDG_CONFIG_HOME/class.csv
none() { [ -z "$("$director" ctl users list --query imported_ --json)" ] || { echo "$1" >&2; exit 30; }; }

# 130 rows, two batches; the wrong one is line 120 of the file, row 19 of the second batch.
{ echo 'username,email,full name,role'
  for i in $(seq 1 130); do
    if [ "$i" = 119 ]; then echo "imported_wrong,not-an-address,\"Wrong, Row\",student"
    else echo "imported_$i,pupil$i@school.org,Pupil $i,student"; fi
  done; } > "$csv"
got=0; refusal=$("$director" ctl users import "$csv" 2>&1) || got=$?
[ "$got" = 1 ] && grep -q '^line 120 email: ' <<<"$refusal" \
  || { echo "a wrong row: exit $got: $refusal" >&2; exit 35; }
none "a file with a wrong row created accounts"
printf 'username,email\nimported_x,"x@school.org\n' > "$csv"
expect 2 "$director" ctl users import "$csv"
expect 2 "$director" ctl users import "$XDG_CONFIG_HOME/no-such-file.csv"

printf 'username,email,full name,role,password\r\nimported_ann,ann@school.org,"Lee, Ann ""the first""",student,\r\nimported_bo,bo@school.org,Bo,teacher,bo-password-1\r\n' > "$csv"
"$director" ctl users import "$csv" --dry-run >&2
none "a dry run created accounts"
printed=$("$director" ctl users import "$csv")
[ "$(head -1 <<<"$printed")" = username,password ] && grep -qx 'imported_bo,' <<<"$printed" \
  || { echo "the import printed: $printed" >&2; exit 31; }
ann=$("$director" ctl users list --query imported_ann --json)
[ "$(jq -r '.fullName' <<<"$ann")" = 'Lee, Ann "the first"' ] || { echo "imported as: $ann" >&2; exit 32; }
again=$("$director" ctl users import "$csv" 2>&1)
grep -q 'skipped imported_ann (taken already)' <<<"$again" || { echo "imported again: $again" >&2; exit 33; }
"$director" ctl users max-sites "$(jq -r '.id' <<<"$ann")" 2 >&2
[ "$("$director" ctl users list --query imported_ann --json | jq -r '.maxSites')" = 2 ] \
  || { echo "the limit is not set" >&2; exit 34; }
# Every site's domains waiting for an approval (none here); approving one that is not there, or rejecting without
# a reason, is refused.
"$director" ctl domains waiting --state waiting_for_approval >&2
expect 1 "$director" ctl domains approve 999999
expect 2 "$director" ctl domains reject 999999
sed -n 's/^imported_ann,//p' <<<"$printed"
