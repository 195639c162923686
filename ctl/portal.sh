# ./director ctl's commands on the portal's API (/api/v1), with a personal token. Sourced by director-ctl.sh.

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
    # The value reaches jq in its environment, which only this user may read, not on its command line.
    set) answer=$(call PUT "/sites/$id/env/$name" "$(VALUE=$value jq -n --argjson s "$secret" '{value: env.VALUE, secret: $s}')")
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

database() {
  local command=${1:-} id='' server='' confirm='' file=- json='' wait='' answer
  case $command in servers|show|create|password|reveal|sql|delete) ;; *) usage ;; esac
  shift
  if [ "$command" != servers ]; then id=${1:-}; shift || true; number "$id" ID; fi
  if [ "$command" = create ]; then server=${1:-}; shift || true; number "$server" SERVER_ID; fi
  if [ "$command" = sql ] && [ $# -gt 0 ] && [[ $1 != --* ]]; then
    file=$1; shift
    { [ "$file" = - ] || { [ -f "$file" ] && [ -r "$file" ]; }; } || fail 2 "cannot read the file $file"
  fi
  while [ $# -gt 0 ]; do
    case $1 in
      --json) [ "$command" != reveal ] || usage; json=1 ;;
      --wait) [[ $command =~ ^(create|password|delete)$ ]] || usage; wait=1 ;;
      --confirm) [ "$command" = delete ] || usage; value "$@"; confirm=$2; shift ;;
      *) usage ;;
    esac; shift
  done
  [ "$command" != delete ] || [ -n "$confirm" ] || fail 2 "give the site's name with --confirm, as the page asks it typed"
  load
  case $command in
    servers) answer=$(call GET /database-servers); show "$answer" "$json" '.[] | "\(.id)\t\(.name)\t\(.type)"' ;;
    show) answer=$(call GET "/sites/$id/database")
      show "$answer" "$json" '"\(.status)\t\(.server)\t\(.url)"' ;;
    create) answer=$(call POST "/sites/$id/database" "$(jq -n --argjson s "$server" '{serverId: $s}')")
      started "$answer" "$wait" "$json" ;;
    password) answer=$(call POST "/sites/$id/database/password"); started "$answer" "$wait" "$json" ;;
    # The address with its password, alone on a line, for a program's configuration.
    reveal) answer=$(call POST "/sites/$id/database/reveal"); jq -r '.url' <<<"$answer" ;;
    sql)
      [ "$file" = - ] && [ -t 0 ] && echo "Type the statements, then Ctrl-D:" >&2
      # cat reads standard input for -.
      answer=$(call POST "/sites/$id/database/sql" "$(cat -- "$file" | jq -Rs '{sql: .}')")
      # Each result: its columns and rows as tab-separated lines, or how many rows a statement changed.
      show "$answer" "$json" '.blocks[] | if (.columns | length) > 0
        then (.columns | join("\t")), (.rows[] | map(. // "NULL") | join("\t")), (if .truncated then "(more rows not shown)" else empty end)
        else "(\(.updateCount) rows changed)" end'
      if [ "$(jq -r '.error // empty' <<<"$answer")" != '' ]; then
        fail 1 "$(jq -r '.error | gsub("[\u0000-\u001f\u007f]"; "?")' <<<"$answer")"
      fi ;;
    delete) answer=$(call DELETE "/sites/$id/database?confirm=$(jq -rn --arg c "$confirm" '$c|@uri')")
      started "$answer" "$wait" "$json" ;;
  esac
}

# A site's custom domains, named as they are typed; the client finds each one's id in the site's list.
domains() {
  local command=${1:-} id=${2:-} name='' json='' answer domain
  case $command in list|add|check|remove) ;; waiting|approve|reject) admin_domains "$@"; return ;; *) usage ;; esac
  shift 2 || usage
  number "$id" ID
  if [ "$command" != list ]; then
    name=${1:-}; shift || true
    [[ $name =~ ^[A-Za-z0-9.-]{1,253}\.?$ ]] || fail 2 "give a domain name, such as www.example.org"
  fi
  while [ $# -gt 0 ]; do case $1 in --json) [ "$command" != remove ] || usage; json=1 ;; *) usage ;; esac; shift; done
  load
  local records='(.records[] | "  \(.type)\t\(.name)\t\(.value)")'
  case $command in
    list) answer=$(call GET "/sites/$id/domains"); show "$answer" "$json" ".[] | \"\(.id)\t\(.name)\t\(.state)\", $records" ;;
    add) answer=$(call POST "/sites/$id/domains" "$(jq -n --arg n "$name" '{name: $n}')")
      show "$answer" "$json" "\"added \(.name): put these records in DNS, then check it\", $records" ;;
    check|remove)
      answer=$(call GET "/sites/$id/domains")
      domain=$(jq -r --arg n "${name%.}" '.[] | select(.name == ($n | ascii_downcase)) | .id' <<<"$answer")
      [ -n "$domain" ] || fail 1 "the site has no domain $name"
      if [ "$command" = remove ]; then
        request DELETE "/sites/$id/domains/$domain"
        [[ $code == 2?? ]] || refused
        echo "removed ${name%.}"
        return
      fi
      answer=$(call POST "/sites/$id/domains/$domain/check")
      show "$answer" "$json" '.outcome'
      [ "$(jq -r '.proven' <<<"$answer")" = true ] || exit 1 ;;
  esac
}

# Every site's domains, for an administrator's token with the admin scope: those waiting for an approval (or in
# another state), approving one, rejecting one with a reason its site's owner sees.
admin_domains() {
  local command=${1:-} id='' reason='' state=WAITING_FOR_APPROVAL json='' answer
  shift || true
  case $command in
    waiting|approve|reject) ;;
    *) usage ;;
  esac
  if [ "$command" != waiting ]; then id=${1:-}; shift || true; number "$id" DOMAIN_ID; fi
  if [ "$command" = reject ]; then reason=${1:-}; shift || true; [ -n "$reason" ] || fail 2 "give the reason its site's owner will read"; fi
  while [ $# -gt 0 ]; do
    case $1 in
      --json) json=1 ;;
      --state) [ "$command" = waiting ] || usage; value "$@"; state=$2; shift
        [[ $state =~ ^(waiting_for_proof|waiting_for_approval|active|rejected)$ ]] \
          || fail 2 "--state is waiting_for_proof, waiting_for_approval, active or rejected" ;;
      *) usage ;;
    esac; shift
  done
  load
  case $command in
    waiting) each_page "/admin/domains?size=100&state=$state" "$json" '.items[] | "\(.id)\t\(.name)\t\(.siteName)\t\(.state)"' ;;
    approve) answer=$(call POST "/admin/domains/$id/approve"); show "$answer" "$json" '"\(.name)\t\(.state)"' ;;
    reject) answer=$(call POST "/admin/domains/$id/reject" "$(jq -n --arg r "$reason" '{reason: $r}')")
      show "$answer" "$json" '"\(.name)\t\(.state)"' ;;
  esac
}
