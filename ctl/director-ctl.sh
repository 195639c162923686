#!/usr/bin/env bash
# The command-line client of the portal's API (/api/v1) and of the orchestrator's operator API (/operator/v1), for
# scripts: ./director ctl <command>. It needs curl and jq.
#
# Exit codes scripts can trust:
#   0  done (for a wait: the operation succeeded, or the site it deleted is gone)
#   1  the portal (or orchestrator) refused the call (its message is printed), the operation waited for failed, or
#      the wait ran out
#   2  the command was not used as it should be
#   3  not signed in: no token, or the portal (or orchestrator) does not take it (unknown, expired, revoked)
#   4  the portal (or orchestrator) could not be reached, failed, or answered what is not its API
set -euo pipefail

config_dir=${XDG_CONFIG_HOME:-$HOME/.config}/director
credentials=$config_dir/credentials
operator_credentials=$config_dir/operator
token_pattern='^director_[A-Za-z0-9_-]{43}$'
operator_token_pattern='^dop_[A-Za-z0-9_-]{43}$'
# Which API the calls go to: the portal's, or (orchestrator ...) the operator API.
api=/api/v1 what="the portal"
# In variables: bash takes a pattern with brackets in it as written only from one.
url_pattern='^https?://[][A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?$'

usage() {
  cat >&2 <<'EOF'
usage: ./director ctl <command>
  login URL                      sign in with a token read from standard input (make one on "API tokens")
  logout                         forget the saved token (revoke it on "API tokens")
  sites list [--query TEXT] [--json]
  sites show ID [--json]
  sites create NAME [--type static|php|dynamic] [--runtime NAME] [--description TEXT] [--wait] [--json]
  sites type ID static|php|dynamic [--runtime NAME] [--wait] [--json]   change how the site is served
  sites restart ID [--wait] [--json]
  sites delete ID [--wait] [--json]
  sites logs ID                  the last lines a dynamic site's process wrote
  env list ID [--json]           a dynamic site's variables (a secret's value is never shown)
  env set ID NAME [VALUE] [--secret] [--wait] [--json]   VALUE from standard input when left out (for secrets: a
                                 command line is visible to everyone on the machine)
  env unset ID NAME [--wait] [--json]
  files ls ID [PATH] [--json]     a folder's entries (PATH relative to the site's folder, such as public)
  files get ID PATH [--version-file F]   a file's bytes, to standard output (its version into F)
  files put ID PATH [FILE] [--if-match VERSION] [--json]   write FILE (or standard input) there
  ops list SITE_ID [--status pending|running|succeeded|failed] [--json]   a site's operations, newest first
  ops show ID [--json]
  ops wait ID [--timeout SECONDS] [--json]
  ops retry ID [--wait] [--json]
DIRECTOR_URL and DIRECTOR_TOKEN, set together, are used instead of what login saved.

The orchestrator's operator API, with an operator's token (./director operator add NAME, as root):
  orchestrator login URL         sign in with the token read from standard input, such as http://127.0.0.1:8082
  orchestrator sites [--json]    every site on the app server: id, name, type, whether it has a service
  orchestrator site ID           one site as JSON: applied spec, web server files, process, tasks and their nodes
  orchestrator converge ID | --all [--json]   put sites back to their last applied specs
  orchestrator reload            test and reload the app servers' Nginx
  orchestrator appservers [--json]
  orchestrator images [--json]   runtime images, and sites' own builds (orphans: their site is gone)
  orchestrator prune [--dry-run] [--json]   remove the orphans
  orchestrator nodes [--json]    the Swarm's nodes
  orchestrator node ID active|pause|drain
  orchestrator audit [--limit N] the last calls to the operator API, by whom
DIRECTOR_OPERATOR_URL and DIRECTOR_OPERATOR_TOKEN, set together, are used instead of what login saved.
EOF
  exit 2
}

fail() { echo "director ctl: $2" >&2; exit "$1"; }

command -v jq >/dev/null || fail 4 "jq is needed (apt-get install jq)"
command -v curl >/dev/null || fail 4 "curl is needed (apt-get install curl)"

number() { [[ ${1:-} =~ ^[1-9][0-9]{0,17}$ ]] || fail 2 "$2 must be a number, not '${1:-}'"; }

# An option's value: the next argument, which must be there.
value() { [ $# -ge 2 ] || fail 2 "$1 needs a value"; }

# The portal's address and the token: both from the environment, or both from login.
load() {
  if [ -n "${DIRECTOR_URL:-}" ] || [ -n "${DIRECTOR_TOKEN:-}" ]; then
    [ -n "${DIRECTOR_URL:-}" ] && [ -n "${DIRECTOR_TOKEN:-}" ] || fail 2 "set DIRECTOR_URL and DIRECTOR_TOKEN together"
    url=$DIRECTOR_URL token=$DIRECTOR_TOKEN
  else
    [ -r "$credentials" ] || fail 3 "not signed in: run ./director ctl login URL, or set DIRECTOR_URL and DIRECTOR_TOKEN"
    url=$(sed -n 's/^url=//p' "$credentials") token=$(sed -n 's/^token=//p' "$credentials")
  fi
  [[ $url =~ $url_pattern ]] || fail 2 "the portal's address is not one: '$url'"
  [[ $token =~ $token_pattern ]] || fail 3 "that is not a Director API token"
  url=${url%/}
}

# One call: sets code (the HTTP status) and reply (the body). The token goes to curl on a file descriptor, never in
# its arguments, which every user of the machine can read in ps; -q keeps a ~/.curlrc from changing what is sent
# (or printing the token with -v).
request() {
  local method=$1 path=$2 body=${3:-} seconds=${4:-0} out
  local args=(-q -sS --proto =http,https --connect-timeout 10 --max-time $(( seconds + 30 )) -w '\n%{http_code}'
    -X "$method" -H @/dev/fd/3)
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out=$(curl "${args[@]}" --url "$url$api$path" 3<<<"Authorization: Bearer $token") \
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

# Waits for an operation to finish: 0 when it succeeded, 1 when it failed or the time ran out. A site's deletion
# removes its operations as its last step. The portal answers 410 when the operation it waited for went: with a site
# locked by its one unfinished operation, that was the deletion itself, finished. An operation that is simply gone
# (404) later was a deletion if its kind says so; any other was taken by a deletion after it, not a success.
wait_for() {
  local id=$1 timeout=$2 json=$3 kind=${4:-} deadline left status=''
  number "$id" "the operation's id"
  deadline=$(( $(date +%s) + timeout ))
  while true; do
    left=$(( deadline - $(date +%s) ))
    (( left < 0 )) && left=0
    (( left > 60 )) && left=60
    request GET "/operations/$id?wait=$left" '' "$left"
    if [[ $code == 410 || ( $code == 404 && -n $kind ) ]]; then
      [[ $code == 410 || $kind == DELETE_SITE ]] || fail 1 "operation $id: its site was deleted after it"
      deleted "$id" "$json"
      return 0
    fi
    if [[ $code == 429 || $code == 503 ]] && (( $(date +%s) < deadline )); then
      # The portal waits for only so many at once: try again shortly.
      sleep $(( 2 + RANDOM % 4 ))
      continue
    fi
    [[ $code == 2?? ]] || refused
    kind=$(jq -r '.kind // empty' <<<"$reply" 2>/dev/null) || true
    status=$(jq -r '.status // empty' <<<"$reply" 2>/dev/null) || true
    case $status in
      SUCCEEDED|FAILED) break ;;
      PENDING|RUNNING) (( $(date +%s) >= deadline )) && break ;;
      *) fail 4 "the portal answered what is not an operation" ;;
    esac
  done
  show_operation "$reply" "$json"
  case $status in
    SUCCEEDED) return 0 ;;
    FAILED) return 1 ;;
    *) fail 1 "operation $id is still $status after $timeout s" ;;
  esac
}

# Says that a deletion's operation is done: its site, and the operation with it, are gone.
deleted() {
  if [ -n "$2" ]; then echo "{\"operationId\": $1, \"deleted\": true}"; else echo "operation $1: the site is deleted"; fi
}

show_operation() {
  if [ -n "$2" ]; then printf '%s\n' "$1"; return; fi
  jq -r '"operation \(.id) \(.kind) \(.status)",
    (.steps[] | "  \(.status)\t\(.title)\(if .message then ": " + .message else "" end)")
    | gsub("[\u0000-\u0008\u000b-\u001f\u007f]"; "?")' <<<"$1"
}

# Prints every item of a list the portal gives a page at a time (its path without the page), following hasNext: one
# JSON object a line with --json, else as the jq filter makes them.
each_page() {
  local path=$1 json=$2 filter=$3 page=1 answer
  while true; do
    answer=$(call GET "$path&page=$page")
    if [ -n "$json" ]; then jq -c '.items[]' <<<"$answer"; else show "$answer" '' "$filter"; fi
    [ "$(jq -r '.hasNext' <<<"$answer")" = true ] || break
    page=$(( page + 1 ))
  done
}

show_site() {
  if [ -n "$2" ]; then printf '%s\n' "$1"; return; fi
  jq -r '"\(.id)\t\(.name)\t\(.type)\t\(.url)"' <<<"$1"
}

# A change's answer: its operation, waited for when asked. A deletion that finished before the answer was written
# has no operation left to wait for.
started() {
  local answer=$1 wait=$2 json=$3 operation
  operation=$(jq -r '.operationId // .id // empty' <<<"$answer")
  number "$operation" "the operation's id"
  if [ -n "$wait" ]; then
    if [ "$(jq -r 'has("operation") and .operation == null' <<<"$answer")" = true ]; then
      deleted "$operation" "$json"
      return 0
    fi
    wait_for "$operation" 600 "$json" "$(jq -r '.operation.kind // .kind // empty' <<<"$answer")"
    return
  fi
  if [ -n "$json" ]; then printf '%s\n' "$answer"; else echo "operation $operation started"; fi
}

login() {
  [ $# -eq 1 ] || usage
  [[ $1 =~ $url_pattern ]] || fail 2 "give the portal's address, such as http://localhost:8080"
  url=${1%/}
  [ -t 0 ] && echo "Paste the token (it is not shown):" >&2
  IFS= read -rs token || true
  [[ $token =~ $token_pattern ]] || fail 2 "that is not a Director API token"
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
        case $1 in --json) json=1 ;; --query) value "$@"; query=$2; shift ;; *) usage ;; esac; shift
      done
      load
      each_page "/sites?size=100&q=$(jq -rn --arg q "$query" '$q|@uri')" "$json" \
        '.items[] | "\(.id)\t\(.name)\t\(.type)\t\(.url)"' ;;
    show)
      id=${1:-}; shift || true; number "$id" ID
      while [ $# -gt 0 ]; do case $1 in --json) json=1 ;; *) usage ;; esac; shift; done
      load
      answer=$(call GET "/sites/$id")
      show_site "$answer" "$json" ;;
    create)
      name=${1:-}; shift || true
      [ -n "$name" ] || usage
      while [ $# -gt 0 ]; do
        case $1 in
          --type) value "$@"; type=$2; shift ;;
          --runtime) value "$@"; runtime=$2; shift ;;
          --description) value "$@"; description=$2; shift ;;
          --wait) wait=1 ;;
          --json) json=1 ;;
          *) usage ;;
        esac; shift
      done
      load
      answer=$(call POST /sites "$(jq -n --arg name "$name" --arg type "$type" --arg runtime "$runtime" \
        --arg description "$description" '{name: $name, type: $type, runtime: $runtime, description: $description}')")
      started "$answer" "$wait" "$json" ;;
    type)
      id=${1:-}; type=${2:-}; shift 2 || usage; number "$id" ID
      [[ $type =~ ^(static|php|dynamic)$ ]] || fail 2 "a site's type is static, php or dynamic"
      while [ $# -gt 0 ]; do
        case $1 in
          --runtime) value "$@"; runtime=$2; shift ;;
          --wait) wait=1 ;;
          --json) json=1 ;;
          *) usage ;;
        esac; shift
      done
      load
      answer=$(call PUT "/sites/$id/type" "$(jq -n --arg type "$type" --arg runtime "$runtime" \
        '{type: $type, runtime: $runtime}')")
      started "$answer" "$wait" "$json" ;;
    logs)
      id=${1:-}; shift || true; number "$id" ID
      [ $# -eq 0 ] || usage
      load
      request GET "/sites/$id/logs"
      [[ $code == 2?? ]] || refused
      printf '%s\n' "$reply" ;;
    restart|delete)
      id=${1:-}; shift || true; number "$id" ID
      while [ $# -gt 0 ]; do case $1 in --wait) wait=1 ;; --json) json=1 ;; *) usage ;; esac; shift; done
      load
      if [ "$command" = restart ]; then answer=$(call POST "/sites/$id/restart"); else answer=$(call DELETE "/sites/$id"); fi
      started "$answer" "$wait" "$json" ;;
    *) usage ;;
  esac
}

environment() {
  local command=${1:-} id=${2:-} name='' value='' given='' secret=false json='' wait='' answer
  case $command in list|set|unset) ;; *) usage ;; esac
  shift 2 || usage
  number "$id" ID
  if [ "$command" != list ]; then
    name=${1:-}; shift || true
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]{0,127}$ ]] || fail 2 "a variable's name is letters, digits and _, not starting with a digit"
  fi
  if [ "$command" = set ] && [ $# -gt 0 ] && [[ $1 != --* ]]; then value=$1 given=1; shift; fi
  while [ $# -gt 0 ]; do
    case $1 in
      --json) json=1 ;;
      --wait) [ "$command" != list ] || usage; wait=1 ;;
      --secret) [ "$command" = set ] || usage; secret=true ;;
      *) usage ;;
    esac; shift
  done
  if [ "$command" = set ] && [ -z "$given" ]; then
    [ -t 0 ] && echo "Type the value (it is not shown), then Enter:" >&2
    IFS= read -rs value || true
  fi
  load
  case $command in
    list) answer=$(call GET "/sites/$id/env")
      show "$answer" "$json" '.[] | "\(.name)=\(if .secret then "(secret)" else .value end)"' ;;
    set) answer=$(call PUT "/sites/$id/env/$name" "$(jq -n --arg v "$value" --argjson s "$secret" '{value: $v, secret: $s}')")
      started "$answer" "$wait" "$json" ;;
    unset) answer=$(call DELETE "/sites/$id/env/$name"); started "$answer" "$wait" "$json" ;;
  esac
}

# Sends a file's bytes (a path, or - for standard input) or receives them onto standard output, for the files calls:
# sets code, reply (the answer's body when it is not the file's bytes) and etag (the file's version, when it came).
transfer() {
  local method=$1 path=$2 file=$3 extra=${4:-}
  # The answer may be a copy of a site's file: it goes whatever ends the client (not local: the trap runs after).
  body=$(mktemp) headers=$(mktemp)
  trap 'rm -f "$body" "$headers"' EXIT
  local args=(-q -sS --proto =http,https --connect-timeout 10 --max-time 600 -w '%{http_code}' -X "$method"
    -H @/dev/fd/3 -o "$body" -D "$headers")
  [ -n "$extra" ] && args+=(-H "$extra")
  # --upload-file streams the file rather than reading it whole first.
  [ "$method" = PUT ] && args+=(-H 'Content-Type: application/octet-stream' --upload-file "$file")
  code=$(curl "${args[@]}" --url "$url$api$path" 3<<<"Authorization: Bearer $token") \
    || fail 4 "cannot reach $what at $url"
  etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *"\([A-Za-z0-9._:-]*\)".*/\1/p' "$headers" | tail -1)
  if [[ $method == GET && $code == 2?? ]]; then
    cat "$body"
    reply=''
  else
    reply=$(cat "$body")
  fi
}

files() {
  local command=${1:-} id=${2:-} path='' file=- json='' version='' version_file='' answer
  case $command in ls|get|put) ;; *) usage ;; esac
  shift 2 || usage
  number "$id" ID
  if [ "$command" != ls ] || { [ $# -gt 0 ] && [[ $1 != --* ]]; }; then
    path=${1:-}; shift || true
    [ -n "$path" ] && [[ $path != --* ]] || usage
  fi
  if [ "$command" = put ] && [ $# -gt 0 ] && [[ $1 != --* ]]; then
    file=$1; shift
    { [ "$file" = - ] || { [ -f "$file" ] && [ -r "$file" ]; }; } || fail 2 "cannot read the file $file"
  fi
  while [ $# -gt 0 ]; do
    case $1 in
      --json) [ "$command" != get ] || usage; json=1 ;;
      --if-match) [ "$command" = put ] || usage; value "$@"; version=$2; shift
        [[ $version =~ ^[A-Za-z0-9._:-]{1,128}$ ]] || fail 2 "that is not a file's version" ;;
      --version-file) [ "$command" = get ] || usage; value "$@"; version_file=$2; shift ;;
      *) usage ;;
    esac; shift
  done
  local where; where=$(jq -rn --arg p "$path" '$p|@uri')
  load
  case $command in
    ls)
      answer=$(call GET "/sites/$id/files?path=$where")
      show "$answer" "$json" '.entries[] | "\(.type // "-")\t\(.size // "-")\t\(.name)"' ;;
    get)
      transfer GET "/sites/$id/files/content?path=$where" -
      [[ $code == 2?? ]] || refused
      # The version, for a later put --if-match that must not write over a change made meanwhile.
      [ -z "$version_file" ] || printf '%s\n' "$etag" > "$version_file" ;;
    put)
      transfer PUT "/sites/$id/files/content?path=$where" "$file" "${version:+If-Match: \"$version\"}"
      [[ $code == 2?? ]] || refused
      jq -e 'type == "object"' <<<"$reply" >/dev/null 2>&1 || fail 4 "$what answered what is not its API"
      show "$reply" "$json" '"wrote \(.path) (version \(.version))"' ;;
  esac
}

ops() {
  local command=${1:-} id=${2:-} json='' wait='' timeout=600 status='' answer
  case $command in list|show|wait|retry) ;; *) usage ;; esac
  shift 2 || usage
  number "$id" ID
  while [ $# -gt 0 ]; do
    case $1 in
      --json) json=1 ;;
      --wait) wait=1 ;;
      --timeout) value "$@"; timeout=$2; shift; number "$timeout" "--timeout" ;;
      --status) [ "$command" = list ] || usage; value "$@"; status=$2; shift
        [[ $status =~ ^(pending|running|succeeded|failed)$ ]] || fail 2 "--status is pending, running, succeeded or failed" ;;
      *) usage ;;
    esac; shift
  done
  load
  case $command in
    list) each_page "/operations?siteId=$id&status=$status&size=100" "$json" \
        '.items[] | "\(.id)\t\(.kind)\t\(.status)\t\(.createdAt)"' ;;
    show) answer=$(call GET "/operations/$id"); show_operation "$answer" "$json" ;;
    wait) wait_for "$id" "$timeout" "$json" ;;
    retry) answer=$(call POST "/operations/$id/retry"); started "$answer" "$wait" "$json" ;;
  esac
}

# The operator API's address and an operator's token: both from the environment, or both from its login.
load_operator() {
  api=/operator/v1 what="the orchestrator"
  # Not DIRECTOR_ORCHESTRATOR_URL: ./director sets that for the components, always.
  if [ -n "${DIRECTOR_OPERATOR_URL:-}" ] || [ -n "${DIRECTOR_OPERATOR_TOKEN:-}" ]; then
    [ -n "${DIRECTOR_OPERATOR_URL:-}" ] && [ -n "${DIRECTOR_OPERATOR_TOKEN:-}" ] \
      || fail 2 "set DIRECTOR_OPERATOR_URL and DIRECTOR_OPERATOR_TOKEN together"
    url=$DIRECTOR_OPERATOR_URL token=$DIRECTOR_OPERATOR_TOKEN
  else
    [ -r "$operator_credentials" ] \
      || fail 3 "not signed in: run ./director ctl orchestrator login URL, or set DIRECTOR_OPERATOR_URL and DIRECTOR_OPERATOR_TOKEN"
    url=$(sed -n 's/^url=//p' "$operator_credentials") token=$(sed -n 's/^token=//p' "$operator_credentials")
  fi
  [[ $url =~ $url_pattern ]] || fail 2 "the orchestrator's address is not one: '$url'"
  [[ $token =~ $operator_token_pattern ]] || fail 3 "that is not an operator's token"
  url=${url%/}
}

# Prints the answer as it came (--json) or as lines made by the jq filter.
show() { if [ -n "$2" ]; then printf '%s\n' "$1"; else jq -r "$3 | gsub(\"[\u0000-\u0008\u000b-\u001f\u007f]\"; \"?\")" <<<"$1"; fi; }

orchestrator() {
  local command=${1:-} json='' answer id offset=0
  shift || true
  if [ "$command" = login ]; then
    [ $# -eq 1 ] || usage
    [[ $1 =~ $url_pattern ]] || fail 2 "give the orchestrator's address, such as http://127.0.0.1:8082"
    api=/operator/v1 what="the orchestrator" url=${1%/}
    [ -t 0 ] && echo "Paste the operator's token (it is not shown):" >&2
    IFS= read -rs token || true
    [[ $token =~ $operator_token_pattern ]] || fail 2 "that is not an operator's token"
    call GET "/nodes" >/dev/null
    mkdir -p "$config_dir"
    chmod 700 "$config_dir"
    (umask 077 && printf 'url=%s\ntoken=%s\n' "$url" "$token" >"$operator_credentials.new" \
      && mv "$operator_credentials.new" "$operator_credentials")
    echo "signed in to the orchestrator at $url"
    return
  fi
  case $command in
    sites|site|converge|reload|appservers|images|prune|nodes|node|audit) ;;
    *) usage ;;
  esac
  case $command in
    site|node) id=${1:-}; shift || true ;;
    converge) id=${1:-}; shift || true; [ "$id" = --all ] || number "$id" ID ;;
  esac
  local node_availability=''
  [ "$command" = node ] && { node_availability=${1:-}; shift || true; }
  local dry=false limit=100
  while [ $# -gt 0 ]; do
    case $1 in
      --json) json=1 ;;
      --dry-run) [ "$command" = prune ] || usage; dry=true ;;
      --limit) [ "$command" = audit ] || usage; value "$@"; limit=$2; shift; number "$limit" --limit ;;
      *) usage ;;
    esac; shift
  done
  load_operator
  case $command in
    sites)
      while true; do
        answer=$(call GET "/sites?offset=$offset&limit=1000")
        if [ -n "$json" ]; then jq -c '.sites[]' <<<"$answer"
        else show "$answer" '' '.sites[] | "\(.id)\t\(.name // "-")\t\(.type // "-")\t\(if .service then "service" else "-" end)\t\(if .applied then "applied" else "no applied spec" end)"'; fi
        offset=$(( offset + 1000 ))
        (( offset < $(jq -r '.total' <<<"$answer") )) || break
      done ;;
    site) number "$id" ID; answer=$(call GET "/sites/$id"); printf '%s\n' "$answer" ;;
    # Converging and reloading wait for Nginx (and, for every site, a batch of 100 after another): the calls may take
    # long, and are not to be cut short by the client (the work would go on, and a retry would wait behind it).
    converge)
      if [ "$id" = --all ]; then
        answer=$(call POST /sites/converge '' 3600)
        show "$answer" "$json" '.[] | "\(.siteId)\t\(if .problem then "FAILED: " + .problem elif (.changes | length) == 0 then "unchanged" else (.changes | join(" ")) end)"'
        [ "$(jq '[.[] | select(.problem != null)] | length' <<<"$answer")" = 0 ] || exit 1
      else
        answer=$(call POST "/sites/$id/converge" '' 300)
        show "$answer" "$json" '"\(.siteId)\t\(if (.changes | length) == 0 then "unchanged" else (.changes | join(" ")) end)"'
      fi ;;
    reload) answer=$(call POST /appservers/reload '' 120); show "$answer" "$json" '"reloaded: \(.services | join(", "))"' ;;
    appservers) answer=$(call GET /appservers); show "$answer" "$json" '.[] | "\(.service)\t:\(.port)\t\(if .present then "\(.running) running" else "MISSING" end)\t\(.image // "-")"' ;;
    images) answer=$(call GET /images); show "$answer" "$json" '(.runtimes[] | "runtime\t\(.image)\t\(.runtime)"), (.sites[] | "site \(.site)\t\(.tag)\t\(if .orphan then "orphan" else "in use" end)")' ;;
    prune) answer=$(call POST "/images/prune?dryRun=$dry" '' 600)
      show "$answer" "$json" '.dryRun as $dry | (.removed[] | (if $dry then "would remove " else "removed " end) + .), (.kept[] | "kept " + .)' ;;
    nodes) answer=$(call GET /nodes); show "$answer" "$json" '.[] | "\(.id)\t\(.hostname)\t\(.role)\t\(.availability)\t\(.state)\(if .leader then "\tleader" else "" end)"' ;;
    node)
      [[ $id =~ ^[a-z0-9]{1,64}$ ]] || fail 2 "give a node's id (./director ctl orchestrator nodes lists them)"
      case $node_availability in active|pause|drain) ;; *) usage ;; esac
      answer=$(call POST "/nodes/$id/availability" "$(jq -n --arg a "$node_availability" '{availability: $a}')")
      show "$answer" "$json" '"\(.id)\t\(.hostname)\t\(.availability)"' ;;
    audit) answer=$(call GET "/audit?limit=$limit"); show "$answer" "$json" '.[] | "\(.at)\t\(.operator // "(refused)")\t\(.from)\t\(.method) \(.path)\t\(.status)"' ;;
    *) usage ;;
  esac
}

case ${1:-} in
  orchestrator) shift; orchestrator "$@" ;;
  login) shift; login "$@" ;;
  logout) rm -f "$credentials"; echo "signed out; the token still works until you revoke it on \"API tokens\"" ;;
  sites) shift; sites "$@" ;;
  env) shift; environment "$@" ;;
  files) shift; files "$@" ;;
  ops) shift; ops "$@" ;;
  *) usage ;;
esac
