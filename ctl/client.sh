# What both parts of ./director ctl share: refusing, one call and its answer, printing. Sourced by director-ctl.sh.

fail() { echo "director ctl: $2" >&2; exit "$1"; }

command -v jq >/dev/null || fail 4 "jq is needed (apt-get install jq)"
command -v curl >/dev/null || fail 4 "curl is needed (apt-get install curl)"

number() { [[ ${1:-} =~ ^[1-9][0-9]{0,17}$ ]] || fail 2 "$2 must be a number, not '${1:-}'"; }

# An option's value: the next argument, which must be there.
value() { [ $# -ge 2 ] || fail 2 "$1 needs a value"; }

# One call: sets code (the HTTP status) and reply (the body). The token goes to curl on a file descriptor, never in
# its arguments, which every user of the machine can read in ps; -q keeps a ~/.curlrc from changing what is sent
# (or printing the token with -v).
request() {
  local method=$1 path=$2 body=${3:-} seconds=${4:-0} out
  local args=(-q -sS --proto =http,https --connect-timeout 10 --max-time $(( seconds + 30 )) -w '\n%{http_code}'
    -X "$method" -H @/dev/fd/3)
  # The body goes on standard input, like the token on its descriptor: it may hold a password or a secret.
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary @-)
  out=$(curl "${args[@]}" --url "$url$api$path" 3<<<"Authorization: Bearer $token" <<<"$body") \
    || fail 4 "cannot reach $what at $url"
  code=${out##*$'\n'}
  reply=${out%$'\n'*}
}

# One call whose answer is printed; a refusal prints the problem's detail and exits with its code. Always assign
# its output (answer=$(call ...)): set -e stops the script on a failed assignment, not on a failed argument.
call() {
  request "$@"
  [[ $code == 2?? ]] || refused
  jq -e 'type == "object" or type == "array"' <<<"$reply" >/dev/null 2>&1 || fail 4 "$what answered what is not its API"
  printf '%s' "$reply"
}

# Exits with the code and message of the last call's refusal.
refused() {
  case $code in
    401) fail 3 "not signed in: $(detail)" ;;
    5??|000) fail 4 "$what failed ($code): $(detail)" ;;
    *) fail 1 "$(detail) ($code)" ;;
  esac
}

# The problem's detail and each field's problem (the operator API's error), without control characters (they may quote
# what someone typed).
detail() {
  jq -r '[.detail // .error // empty, (.errors // {} | to_entries[] | "\(.key): \(.value)")] | join(" ")
    | gsub("[\u0000-\u001f\u007f]"; "?")' <<<"$reply" 2>/dev/null || true
}

# Prints the answer as it came (--json) or as lines made by the jq filter.
show() { if [ -n "$2" ]; then printf '%s\n' "$1"; else jq -r "$3 | gsub(\"[\u0000-\u0008\u000b-\u001f\u007f]\"; \"?\")" <<<"$1"; fi; }
