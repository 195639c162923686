#!/usr/bin/env bash
# An operator's script on ./director ctl: sign in with a token (read from standard input), create a static site and
# wait for it, find it in the list, check that refusals have the exit codes the client promises, write a page into it
# through the files API and read it back, create a dynamic site, set and unset its variables, read its log, give it a
# database and use it, add a custom domain to the first one, delete the second waiting for the deletion, and print the
# first one's address last.
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

. "$(dirname "$0")/expect.sh"
expect 1 "$director" ctl sites show 999999999
expect 1 "$director" ctl sites create "$name"
expect 2 "$director" ctl sites show "1; rm -rf /"
expect 2 "$director" ctl sites frobnicate
expect 2 "$director" ctl sites list --query
expect 2 env DIRECTOR_URL=http://127.0.0.1:1 "$director" ctl sites list
expect 3 env DIRECTOR_URL="$url" DIRECTOR_TOKEN=director_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA "$director" ctl sites list
expect 4 env DIRECTOR_URL=http://127.0.0.1:1 DIRECTOR_TOKEN=director_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \
  "$director" ctl sites list

# A page written through the files API, read back as it was written, listed; a stale version, a path out of the
# site and a missing file are refused.
page=$(mktemp)
printf '<h1>written through the API</h1>\n' > "$page"
"$director" ctl files put "$id" public/from-api.html "$page" >&2
"$director" ctl files get "$id" public/from-api.html --version-file "$page.version" | cmp - "$page" \
  || { echo "the page read back differs" >&2; exit 12; }
version=$(cat "$page.version")
"$director" ctl files ls "$id" public | grep -q 'from-api.html' || { echo "the page is not listed" >&2; exit 13; }
# Bytes as they are: no newline at the end, a NUL, what is not UTF-8.
printf 'a\0b\377' > "$page.bin"
"$director" ctl files put "$id" data.bin "$page.bin" >&2
"$director" ctl files get "$id" data.bin | cmp - "$page.bin" || { echo "the bytes read back differ" >&2; exit 16; }
echo changed | "$director" ctl files put "$id" public/from-api.html - --if-match "$version" >&2
expect 1 "$director" ctl files put "$id" public/from-api.html "$page" --if-match "$version"
refusal=$("$director" ctl files put "$id" ../../etc/escaped "$page" 2>&1) && exit 17
grep -q 'not an acceptable path' <<<"$refusal" || { echo "a path out of the site: $refusal" >&2; exit 17; }
expect 1 "$director" ctl files get "$id" public/no-such-page.html
expect 2 "$director" ctl files put "$id"
"$director" ctl files put "$id" public/from-api.html "$page" >&2
rm -f "$page" "$page.version" "$page.bin"

# A second site, dynamic: variables set (a secret's from standard input), listed without the secret's value, one
# unset; its log read; its type changed to static; then deleted with --wait: done once it is gone.
"$director" ctl sites create "$name-2" --type dynamic --runtime python --wait >&2
second=$("$director" ctl sites list --query "$name-2" --json | jq -r --arg name "$name-2" 'select(.name == $name) | .id')
"$director" ctl env set "$second" GREETING hello --wait >&2
printf 's3cret-value\n' | "$director" ctl env set "$second" API_KEY --secret --wait >&2
listed=$("$director" ctl env list "$second")
grep -qx 'GREETING=hello' <<<"$listed" && grep -qx 'API_KEY=(secret)' <<<"$listed" && ! grep -q s3cret <<<"$listed" \
  || { echo "the variables listed: $listed" >&2; exit 14; }
"$director" ctl env unset "$second" GREETING --wait >&2
expect 1 "$director" ctl env unset "$second" GREETING
expect 2 "$director" ctl env set "$second" "1; rm -rf /" x
"$director" ctl sites logs "$second" >&2
kinds=$("$director" ctl ops list "$second" --status succeeded --json | jq -sc 'map(.kind) | unique')
[ "$kinds" = '["CREATE_SITE","UPDATE_ENVIRONMENT"]' ] || { echo "the site's operations: $kinds" >&2; exit 15; }
expect 2 "$director" ctl ops list "$second" --status done
expect 1 "$director" ctl env list "$id"

# A database for the dynamic site, on the first server offered: a table made and read back through SQL, the address
# revealed with its password, a statement the server refuses exits 1, and deleting it takes the site's name.
server=$("$director" ctl db servers --json | jq -r '.[0].id')
"$director" ctl db create "$second" "$server" --wait >&2
rows=$(printf "CREATE TABLE notes (body text);\nINSERT INTO notes VALUES ('from ctl');\nSELECT body FROM notes;\n" \
  | "$director" ctl db sql "$second")
grep -qx 'from ctl' <<<"$rows" || { echo "the rows read back: $rows" >&2; exit 19; }
"$director" ctl db show "$second" | grep -q ':\*\*\*\*\*\*\*\*@' || { echo "the password is not hidden" >&2; exit 20; }
"$director" ctl db reveal "$second" | grep -Eq '^[a-z]+://[a-z0-9_]+:[A-Za-z0-9]{24}@' \
  || { echo "no address with its password" >&2; exit 20; }
refusal=$("$director" ctl db sql "$second" <<<"SELECT pg_read_file('/etc/hostname')" 2>&1) && exit 22
grep -q 'permission denied' <<<"$refusal" || { echo "reading a host's file: $refusal" >&2; exit 22; }
expect 1 "$director" ctl db create "$second" "$server"
expect 2 "$director" ctl db delete "$second"
expect 1 "$director" ctl db delete "$second" --confirm "not-$name-2"
"$director" ctl db delete "$second" --confirm "$name-2" --wait >&2
expect 1 "$director" ctl db show "$second"

# A custom domain on the first site: added with the records to put in DNS, not proven (no such record), removed.
domain="www.$name.example.org"
"$director" ctl domains add "$id" "$domain" | grep -q "TXT	_director-challenge.$domain" \
  || { echo "the domain's records are not listed" >&2; exit 21; }
"$director" ctl domains list "$id" --json | jq -e --arg d "$domain" '.[] | select(.name == $d and .state == "WAITING_FOR_PROOF")' \
  >/dev/null || { echo "the domain is not listed as waiting" >&2; exit 21; }
expect 1 "$director" ctl domains check "$id" "$domain"
expect 1 "$director" ctl domains add "$id" "$domain"
expect 2 "$director" ctl domains add "$id" "bad name; rm -rf /"
"$director" ctl domains remove "$id" "$domain" >&2
expect 1 "$director" ctl domains remove "$id" "$domain"
"$director" ctl sites type "$second" static --wait >&2
[ "$("$director" ctl sites show "$second" --json | jq -r '.type')" = STATIC ] || { echo "the type is unchanged" >&2; exit 18; }
expect 1 "$director" ctl sites type "$second" static
expect 2 "$director" ctl sites type "$second" ftp
"$director" ctl sites delete "$second" --wait >&2
expect 1 "$director" ctl sites show "$second"

"$director" ctl sites show "$id" --json | jq -r '.url'
