# ./director ctl orchestrator: the commands on the orchestrator's operator API (/operator/v1), with an operator's
# token. Sourced by director-ctl.sh.

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
