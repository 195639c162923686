#!/usr/bin/env bash
# Operators' tokens for the orchestrator's operator API (/operator/v1): ./director operator add | list | revoke.
# The orchestrator believes the file these write (DIRECTOR_OPERATOR_TOKENS_FILE, root's alone): one line per operator,
# "<name> <SHA-256 of the token> <expiry in seconds since 1970>". The token itself is printed once and kept nowhere.
set -euo pipefail

file=${DIRECTOR_OPERATOR_TOKENS_FILE:-${DIRECTOR_DATA:?}/operators/tokens}
name_pattern='^[a-z0-9][a-z0-9._-]{0,63}$'

usage() {
  cat >&2 <<'USAGE'
usage: ./director operator add NAME [--days DAYS]   make NAME's token (1 to 366 days, 90 unless given), printed once;
                                                   a new one for NAME replaces the old
       ./director operator list                    the operators, with when their tokens expire
       ./director operator revoke NAME             NAME's token stops working at once
USAGE
  exit 2
}

fail() { echo "director operator: $2" >&2; exit "$1"; }

[ "$(id -u)" = 0 ] || fail 1 "operators' tokens are root's to give: run it as root"

# Rewrites the file without NAME's line, then with the given line if any: under a lock, through a new file renamed
# into place, so that the orchestrator never reads half of one.
rewrite() {
  local name=$1 line=${2:-}
  # A folder of its own, made root's alone; one that exists is left as it is (it may be another's to set).
  [ -d "$(dirname "$file")" ] || install -d -m 700 "$(dirname "$file")"
  exec 9>>"$file.lock"
  flock 9
  local new
  new=$(mktemp "$file.XXXXXX")
  chmod 600 "$new"
  if [ -f "$file" ]; then awk -v name="$name" '$1 != name' "$file" > "$new"; fi
  [ -z "$line" ] || echo "$line" >> "$new"
  mv -f "$new" "$file"
}

case "${1:-}" in
  add)
    name=${2:-}; [[ $name =~ $name_pattern ]] || fail 2 "a name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
    days=90
    if [ $# -ge 3 ]; then
      [ "$3" = --days ] && [ $# -eq 4 ] || usage
      [[ $4 =~ ^[0-9]{1,3}$ ]] && (( 10#$4 >= 1 && 10#$4 <= 366 )) || fail 2 "--days is 1 to 366"
      days=$((10#$4))
    fi
    replaced=''
    [ -f "$file" ] && awk -v name="$name" '$1 == name { found = 1 } END { exit !found }' "$file" \
      && replaced=" It replaces $name's previous token, which no longer works."
    token=dop_$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
    hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
    expires=$(( $(date +%s) + days * 86400 ))
    rewrite "$name" "$name $hash $expires"
    echo "$token"
    echo "operator $name's token, valid until $(date -u -d "@$expires" '+%Y-%m-%d %H:%M UTC'); it is shown only now.$replaced" >&2
    echo "Use it: ./director ctl orchestrator login http://127.0.0.1:${DIRECTOR_ORCHESTRATOR_PORT:-8082} (paste it), or" >&2
    echo "        DIRECTOR_OPERATOR_URL=... DIRECTOR_OPERATOR_TOKEN=... ./director ctl orchestrator nodes" >&2 ;;
  list)
    [ $# -eq 1 ] || usage
    [ -f "$file" ] || { echo "no operators (no $file)"; exit 0; }
    now=$(date +%s)
    while read -r who _ expires; do
      [[ $who =~ $name_pattern && $expires =~ ^[0-9]{1,12}$ ]] || continue
      printf '%-24s %s%s\n' "$who" "$( (( 10#$expires > now )) && echo 'expires ' || echo 'EXPIRED ')" \
        "$(date -u -d "@$((10#$expires))" '+%Y-%m-%d %H:%M UTC')"
    done < "$file" ;;
  revoke)
    name=${2:-}; [[ $name =~ $name_pattern ]] && [ $# -eq 2 ] || usage
    [ -f "$file" ] && awk -v name="$name" '$1 == name { found = 1 } END { exit !found }' "$file" \
      || fail 1 "there is no operator $name"
    rewrite "$name"
    echo "operator $name's token no longer works" ;;
  *) usage ;;
esac
