#!/usr/bin/env bash
# The command-line client of the portal's API (/api/v1), for scripts: ./director ctl <command>. It needs curl and jq.
#
# Exit codes scripts can trust:
#   0  done (for a wait: the operation succeeded)
#   1  the portal refused the call (its message is printed), or the operation waited for failed
#   2  the command was not used as it should be
#   3  not signed in: no token, or the portal does not take it (unknown, expired, revoked)
#   4  the portal could not be reached, or failed
set -euo pipefail

config_dir=${XDG_CONFIG_HOME:-$HOME/.config}/director
credentials=$config_dir/credentials

usage() {
  cat >&2 <<'EOF'
usage: ./director ctl <command>
  login URL                      sign in with a token read from standard input (make one on "API tokens")
  logout                         forget the saved token
  sites list [--query TEXT] [--json]
  sites show ID [--json]
  sites create NAME [--type static|php|dynamic] [--runtime NAME] [--description TEXT] [--wait] [--json]
  sites restart ID [--wait] [--json]
  sites delete ID [--wait] [--json]
  ops show ID [--json]
  ops wait ID [--timeout SECONDS] [--json]
  ops retry ID [--wait] [--json]
DIRECTOR_URL and DIRECTOR_TOKEN, when set, are used instead of what login saved.
EOF
  exit 2
}

fail() { echo "director ctl: $2" >&2; exit "$1"; }

for tool in curl jq; do
  command -v "$tool" >/dev/null || fail 4 "$tool is needed (apt-get install $tool)"
done

number() { [[ ${1:-} =~ ^[1-9][0-9]{0,17}$ ]] || fail 2 "$2 must be a number, not '${1:-}'"; }

# The portal's address and the token, from the environment or from login.
load() {
  url=${DIRECTOR_URL:-} token=${DIRECTOR_TOKEN:-}
  if [ -z "$url" ] || [ -z "$token" ]; then
    [ -r "$credentials" ] || fail 3 "not signed in: run ./director ctl login URL, or set DIRECTOR_URL and DIRECTOR_TOKEN"
    url=${url:-$(sed -n 's/^url=//p' "$credentials")}
    token=${token:-$(sed -n 's/^token=//p' "$credentials")}
  fi
  url=${url%/}
}

# One call: sets code (the HTTP status) and reply (the body); exits 4 when the portal cannot be reached. The token
# goes to curl on a file descriptor, never in its arguments, which every user of the machine can read in ps.
request() {
  local method=$1 path=$2 body=${3:-} out
  local args=(-sS -w '\n%{http_code}' -X "$method" -H @/dev/fd/3)
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out=$(curl "${args[@]}" "$url/api/v1$path" 3<<<"Authorization: Bearer $token") \
    || fail 4 "cannot reach the portal at $url"
  code=${out##*$'\n'}
  reply=${out%$'\n'*}
}

# One call whose answer is printed; a refusal prints the problem's detail and exits with its code. Always assign
# its output (answer=$(call ...)): set -e stops the script on a failed assignment, not on a failed argument.
call() {
  request "$@"
  [[ $code == 2?? ]] || refused
  printf '%s' "$reply"
}

# Exits with the code and message of the last call's refusal.
refused() {
  case $code in
    401) fail 3 "not signed in: $(detail "$reply")" ;;
    5??|000) fail 4 "the portal failed ($code): $(detail "$reply")" ;;
    *) fail 1 "$(detail "$reply") ($code)" ;;
  esac
}

detail() { jq -r '.detail // empty' <<<"$1" 2>/dev/null || true; }

# Waits for an operation to finish: 0 when it succeeded, 1 when it failed or the time ran out. A site's deletion
# removes its operations as its last step, so an operation that goes while waited for was a deletion that finished.
wait_for() {
  local id=$1 timeout=$2 json=$3 deadline left status='' seen=''
  deadline=$(( $(date +%s) + timeout ))
  while true; do
    left=$(( deadline - $(date +%s) ))
    (( left < 0 )) && left=0
    (( left > 60 )) && left=60
    request GET "/operations/$id?wait=$left"
    if [[ $code == 410 || ( $code == 404 && -n $seen ) ]]; then
      echo "operation $id: the site was deleted"
      return 0
    fi
    [[ $code == 2?? ]] || refused
    seen=1
    status=$(jq -r '.status' <<<"$reply")
    if [ "$status" = SUCCEEDED ] || [ "$status" = FAILED ] || (( $(date +%s) >= deadline )); then break; fi
  done
  show_operation "$reply" "$json"
  case $status in
    SUCCEEDED) return 0 ;;
    FAILED) return 1 ;;
    *) fail 1 "operation $id is still $status after $timeout s" ;;
  esac
}

show_operation() {
  if [ -n "$2" ]; then printf '%s\n' "$1"; return; fi
  jq -r '"operation \(.id) \(.kind) \(.status)",
    (.steps[] | "  \(.status)\t\(.title)\(if .message then ": " + .message else "" end)")' <<<"$1"
}

show_site() {
  if [ -n "$2" ]; then printf '%s\n' "$1"; return; fi
  jq -r '"\(.id)\t\(.name)\t\(.type)\t\(.url)"' <<<"$1"
}

# A change's answer: its operation, waited for when asked.
started() {
  local answer=$1 wait=$2 json=$3 operation
  operation=$(jq -r '.operationId // .id' <<<"$answer")
  if [ -n "$wait" ]; then wait_for "$operation" 600 "$json"; return; fi
  if [ -n "$json" ]; then printf '%s\n' "$answer"; else echo "operation $operation started"; fi
}

login() {
  [ $# -eq 1 ] || usage
  # In a variable: bash takes a pattern with brackets in it literally only from one.
  local address='^https?://[][A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?$'
  [[ $1 =~ $address ]] || fail 2 "give the portal's address, such as http://localhost:8080"
  url=${1%/}
  [ -t 0 ] && echo "Paste the token (it is not shown):" >&2
  IFS= read -rs token || true
  [[ $token =~ ^director_[A-Za-z0-9_-]{43}$ ]] || fail 2 "that is not a Director API token"
  call GET "/sites?size=1" >/dev/null
  mkdir -p "$config_dir"
  chmod 700 "$config_dir"
  (umask 077 && printf 'url=%s\ntoken=%s\n' "$url" "$token" >"$credentials.new" && mv "$credentials.new" "$credentials")
  echo "signed in to $url"
}

sites() {
  local command=${1:-}; shift || true
  local json='' wait='' query='' type=static runtime='' description='' id name answer
  case $command in
    list)
      while [ $# -gt 0 ]; do
        case $1 in --json) json=1 ;; --query) query=${2:-}; shift ;; *) usage ;; esac; shift
      done
      load
      local page=1
      while true; do
        answer=$(call GET "/sites?size=100&page=$page&q=$(jq -rn --arg q "$query" '$q|@uri')")
        if [ -n "$json" ]; then jq -c '.items[]' <<<"$answer"; else jq -r '.items[] | "\(.id)\t\(.name)\t\(.type)\t\(.url)"' <<<"$answer"; fi
        [ "$(jq -r '.hasNext' <<<"$answer")" = true ] || break
        page=$(( page + 1 ))
      done ;;
    show)
      id=${1:-}; shift || true; number "$id" ID
      [ "${1:-}" = --json ] && json=1
      load
      answer=$(call GET "/sites/$id")
      show_site "$answer" "$json" ;;
    create)
      name=${1:-}; shift || true
      [ -n "$name" ] || usage
      while [ $# -gt 0 ]; do
        case $1 in
          --type) type=${2:-}; shift ;;
          --runtime) runtime=${2:-}; shift ;;
          --description) description=${2:-}; shift ;;
          --wait) wait=1 ;;
          --json) json=1 ;;
          *) usage ;;
        esac; shift
      done
      load
      answer=$(call POST /sites "$(jq -n --arg name "$name" --arg type "$type" --arg runtime "$runtime" \
        --arg description "$description" '{name: $name, type: $type, runtime: $runtime, description: $description}')")
      started "$answer" "$wait" "$json" ;;
    restart|delete)
      id=${1:-}; shift || true; number "$id" ID
      while [ $# -gt 0 ]; do case $1 in --wait) wait=1 ;; --json) json=1 ;; *) usage ;; esac; shift; done
      load
      if [ "$command" = restart ]; then answer=$(call POST "/sites/$id/restart"); else answer=$(call DELETE "/sites/$id"); fi
      started "$answer" "$wait" "$json" ;;
    *) usage ;;
  esac
}

ops() {
  local command=${1:-} id=${2:-} json='' wait='' timeout=600
  shift 2 || usage
  number "$id" ID
  while [ $# -gt 0 ]; do
    case $1 in
      --json) json=1 ;;
      --wait) wait=1 ;;
      --timeout) timeout=${2:-}; shift; number "$timeout" "--timeout" ;;
      *) usage ;;
    esac; shift
  done
  load
  local answer
  case $command in
    show) answer=$(call GET "/operations/$id"); show_operation "$answer" "$json" ;;
    wait) wait_for "$id" "$timeout" "$json" ;;
    retry) answer=$(call POST "/operations/$id/retry"); started "$answer" "$wait" "$json" ;;
    *) usage ;;
  esac
}

case ${1:-} in
  login) shift; login "$@" ;;
  logout) rm -f "$credentials"; echo "signed out" ;;
  sites) shift; sites "$@" ;;
  ops) shift; ops "$@" ;;
  *) usage ;;
esac
