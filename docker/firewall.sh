#!/usr/bin/env bash
# Director's host firewall for sites: what site and terminal containers may reach on this machine and beyond.
#   docker/firewall.sh check     validate the settings below and say what would be installed; changes nothing
#   docker/firewall.sh install   install (or re-install) this platform's rules; safe to repeat, also after a crash
#   docker/firewall.sh remove    remove this platform's rules (and the shared chains once no platform uses them)
#   docker/firewall.sh status    print the installed rules
#   docker/firewall.sh purge     remove every Director rule, of every platform on this machine
# Settings (environment):
#   DIRECTOR_SITES_EGRESS      internet (default) | none | open: new connections sites may open beyond this machine
#   DIRECTOR_SITES_HOST_PORTS  comma-separated TCP ports on this machine sites may connect to (database servers)
#   DIRECTOR_SITES_ALLOWED_HOSTS  comma-separated address:port (address may be a CIDR) beyond this machine that
#                              sites may connect to whatever the egress policy (a database server elsewhere)
#   DIRECTOR_SITE_DATABASE_PORT, DIRECTOR_SITE_DATABASE_EMBEDDED  the embedded sites' PostgreSQL, always allowed
#   DIRECTOR_SITES_BRIDGES     the bridges sites' traffic arrives on (default: docker_gwbridge and Docker's bridge)
#   DIRECTOR_DATA              names this platform's rules, so that platforms on one machine never remove each other's
#
# Containers on Docker's bridges reach this machine's every address (the bridges' gateways, eth0), so without this a
# student's process could call the portal, the orchestrator's and router's APIs, the shell server and Swarm's control
# ports. Traffic from the bridges to this machine (INPUT) goes through DIRECTOR-SITES-IN: replies, DNS to the
# configured resolvers and the allowed ports pass, everything else is dropped. Traffic from the bridges that the
# machine forwards (DOCKER-USER) goes through DIRECTOR-SITES-OUT, which applies the egress policy. Every rule carries
# a comment starting with "director" (the shared ones "director", the egress policy "director-egress", one
# platform's "director-<id>"), and only those are ever removed.
set -euo pipefail

iptables=iptables
in_chain=DIRECTOR-SITES-IN
out_chain=DIRECTOR-SITES-OUT
lock=${DIRECTOR_FIREWALL_LOCK:-/run/lock/director-firewall.lock}
state=${DIRECTOR_FIREWALL_STATE:-/run/director-firewall}
# Where new connections are refused under the "internet" policy: private, CGNAT and link-local ranges, where this
# machine's neighbours (and cloud metadata services) live.
private_ranges=(10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 100.64.0.0/10 169.254.0.0/16)

say() { printf '[firewall] %s\n' "$*"; }
die() { printf '[firewall] error: %s\n' "$*" >&2; exit 1; }

data=${DIRECTOR_DATA:-$(cd "$(dirname "$0")/.." && pwd)/.data}
id=$(printf '%s' "$data" | sha256sum | cut -c1-10)
tag=director-$id

egress=${DIRECTOR_SITES_EGRESS:-internet}

port_ok() { [[ $1 =~ ^[0-9]{1,5}$ ]] && ((10#$1 >= 1 && 10#$1 <= 65535)); }
ipv4_ok() {
  [[ $1 =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(/([0-9]{1,2}))?$ ]] || return 1
  local i
  for i in 1 2 3 4; do ((10#${BASH_REMATCH[$i]} <= 255)) || return 1; done
  [ -z "${BASH_REMATCH[6]}" ] || ((10#${BASH_REMATCH[6]} <= 32))
}
split() { local IFS=,; read -ra items <<<"${1// /}"; printf '%s\n' "${items[@]}"; }

# Validates every setting; fills host_ports, allowed_hosts, resolvers and bridges.
read_settings() {
  case $egress in
    internet | none | open) ;;
    *) die "DIRECTOR_SITES_EGRESS must be internet, none or open; it is \"$egress\"" ;;
  esac
  host_ports=()
  if [ "${DIRECTOR_SITE_DATABASE_EMBEDDED:-true}" = true ]; then
    host_ports+=("${DIRECTOR_SITE_DATABASE_PORT:-5433}")
  fi
  local item
  while read -r item; do [ -z "$item" ] || host_ports+=("$item"); done < <(split "${DIRECTOR_SITES_HOST_PORTS:-}")
  local appserver
  for item in "${host_ports[@]}"; do
    port_ok "$item" || die "DIRECTOR_SITES_HOST_PORTS (and DIRECTOR_SITE_DATABASE_PORT) must be ports (1-65535), comma-separated; \"$item\" is not one"
    # Through an appserver's published port a site would come from the address the appserver believes (the router's).
    while read -r appserver; do
      [ "$((10#$item))" != "$((10#${appserver:-0}))" ] \
        || die "DIRECTOR_SITES_HOST_PORTS may not name an appserver port ($item, one of DIRECTOR_APPSERVER_PORTS): a site there would be believed as the router"
    done < <(split "${DIRECTOR_APPSERVER_PORTS:-8081,8085}")
  done
  allowed_hosts=()
  while read -r item; do
    [ -n "$item" ] || continue
    [[ $item == *:* ]] && ipv4_ok "${item%:*}" && port_ok "${item##*:}" \
      || die "DIRECTOR_SITES_ALLOWED_HOSTS must be IPv4-address:port (the address may be a CIDR), comma-separated; \"$item\" is not one"
    allowed_hosts+=("$item")
  done < <(split "${DIRECTOR_SITES_ALLOWED_HOSTS:-}")
  # The resolvers Docker's embedded DNS (and containers on the default bridge) forward queries to.
  resolvers=()
  while read -r item; do
    ipv4_ok "$item" && [[ $item != 127.* ]] && resolvers+=("$item")
  done < <(awk '$1 == "nameserver" { print $2 }' /etc/resolv.conf 2>/dev/null)
  bridges=()
  if [ -n "${DIRECTOR_SITES_BRIDGES:-}" ]; then
    while read -r item; do
      [[ $item =~ ^[A-Za-z0-9_.-]{1,15}$ ]] || die "DIRECTOR_SITES_BRIDGES must be interface names, comma-separated; \"$item\" is not one"
      bridges+=("$item")
    done < <(split "$DIRECTOR_SITES_BRIDGES")
  else
    bridges=(docker_gwbridge "$(/usr/bin/docker network inspect bridge \
      --format '{{index .Options "com.docker.network.bridge.name"}}' 2>/dev/null || true)")
    [ -n "${bridges[1]}" ] || bridges[1]=docker0
  fi
}

ipt() { "$iptables" -w 5 "$@"; }
comment() { printf -- '-m comment --comment %s' "$1"; }

# Deletes every rule of a chain (or a built-in chain's rules) whose comment is the given one.
delete_tagged() {
  local chain=$1 wanted=$2 line
  ipt -S "$chain" >/dev/null 2>&1 || return 0
  while read -r line; do
    [[ $line == "-A $chain "* ]] || continue
    [[ " $line " == *" --comment $wanted "* || " $line " == *" --comment \"$wanted\" "* ]] || continue
    local words; read -ra words <<<"${line/#-A /-D }"
    words=("${words[@]//\"/}")
    ipt "${words[@]}"
  done < <(ipt -S "$chain" | tac)
}

# The tags of other platforms with rules installed.
other_platforms() {
  { ipt -S "$in_chain" 2>/dev/null || true; ipt -S "$out_chain" 2>/dev/null || true; } \
    | grep -oE -- 'director-[0-9a-f]{10}' | grep -v -x -- "$tag" | sort -u || true
}

# A platform whose `./director up` no longer runs (killed, or its machine's tests crashed) must not keep dropping
# traffic for everyone: its rules go when another platform's are removed. Which data directory a tag belongs to is
# kept in $state.
prune_stale() {
  local other file data_dir pid
  for other in $(other_platforms); do
    file=$state/${other#director-}
    data_dir=$(cat "$file" 2>/dev/null || true)
    pid=$(cat "$data_dir/run/director.pid" 2>/dev/null || true)
    if [ -n "$data_dir" ] && [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      continue
    fi
    say "removing the rules of platform $other, whose run command no longer runs (${data_dir:-unknown data directory})"
    delete_tagged "$in_chain" "$other"
    delete_tagged "$out_chain" "$other"
    rm -f "$file"
  done
}

ensure_chain() { ipt -S "$1" >/dev/null 2>&1 || ipt -N "$1"; }

# The shared skeleton: both chains, the jumps into them, replies first and the final drop on input.
install_shared() {
  ensure_chain "$in_chain"
  ensure_chain "$out_chain"
  ipt -S DOCKER-USER >/dev/null 2>&1 || die "Docker's DOCKER-USER chain is missing; start the Docker engine first"
  delete_tagged INPUT director
  delete_tagged DOCKER-USER director
  local bridge
  for bridge in "${bridges[@]}"; do
    # shellcheck disable=SC2046
    ipt -I INPUT 1 -i "$bridge" $(comment director) -j "$in_chain"
    # shellcheck disable=SC2046
    ipt -I DOCKER-USER 1 -i "$bridge" $(comment director) -j "$out_chain"
  done
  delete_tagged "$in_chain" director
  delete_tagged "$out_chain" director
  # shellcheck disable=SC2046
  ipt -I "$in_chain" 1 -m conntrack --ctstate ESTABLISHED,RELATED $(comment director) -j ACCEPT
  # shellcheck disable=SC2046
  ipt -A "$in_chain" $(comment director) -j DROP
  # Replies to connections made towards the containers, and replies to theirs, are Docker's business.
  # shellcheck disable=SC2046
  ipt -I "$out_chain" 1 -m conntrack --ctstate ESTABLISHED,RELATED $(comment director) -j RETURN
  local resolver protocol
  for resolver in "${resolvers[@]}"; do
    for protocol in udp tcp; do
      # shellcheck disable=SC2046
      ipt -I "$in_chain" 2 -d "$resolver" -p "$protocol" --dport 53 $(comment director) -j ACCEPT
      # shellcheck disable=SC2046
      ipt -I "$out_chain" 2 -d "$resolver" -p "$protocol" --dport 53 $(comment director) -j RETURN
    done
  done
}

# The egress policy sits at the end of DIRECTOR-SITES-OUT, after every platform's allowed hosts; the last platform
# installed decides it.
install_egress() {
  delete_tagged "$out_chain" director-egress
  local range
  case $egress in
    internet)
      for range in "${private_ranges[@]}"; do
        # shellcheck disable=SC2046
        ipt -A "$out_chain" -d "$range" $(comment director-egress) -j DROP
      done
      ;;
    none)
      # shellcheck disable=SC2046
      ipt -A "$out_chain" $(comment director-egress) -j DROP
      ;;
    open) ;;
  esac
}

install_platform() {
  delete_tagged "$in_chain" "$tag"
  delete_tagged "$out_chain" "$tag"
  local port host
  for port in "${host_ports[@]}"; do
    # shellcheck disable=SC2046
    ipt -I "$in_chain" 2 -p tcp --dport "$port" $(comment "$tag") -j ACCEPT
  done
  for host in "${allowed_hosts[@]}"; do
    # shellcheck disable=SC2046
    ipt -I "$out_chain" 2 -d "${host%:*}" -p tcp --dport "${host##*:}" $(comment "$tag") -j RETURN
  done
}

remove_shared() {
  delete_tagged INPUT director
  delete_tagged DOCKER-USER director
  local chain
  for chain in "$in_chain" "$out_chain"; do
    if ipt -S "$chain" >/dev/null 2>&1; then
      ipt -F "$chain"
      ipt -X "$chain"
    fi
  done
}

with_lock() {
  mkdir -p "$(dirname "$lock")"
  exec 9>"$lock"
  flock -w 30 9 || die "another firewall change holds $lock"
}

describe() {
  say "platform $tag ($data): sites may connect to this machine's TCP port(s) ${host_ports[*]:-none} and DNS at ${resolvers[*]:-none}"
  say "egress beyond this machine: $egress${allowed_hosts[*]:+; always allowed: ${allowed_hosts[*]}}; bridges: ${bridges[*]}"
}

case "${1:-}" in
  check)
    read_settings
    describe
    ;;
  install)
    read_settings
    with_lock
    install_shared
    install_egress
    install_platform
    mkdir -p "$state"
    printf '%s\n' "$data" >"$state/$id"
    describe
    ;;
  remove)
    with_lock
    # Nothing installed (never, or already removed): nothing to say.
    ipt -S "$in_chain" >/dev/null 2>&1 || ipt -S "$out_chain" >/dev/null 2>&1 || exit 0
    delete_tagged "$in_chain" "$tag"
    delete_tagged "$out_chain" "$tag"
    rm -f "$state/$id"
    prune_stale
    if [ -z "$(other_platforms)" ]; then
      remove_shared
      say "removed (no platform's rules remain)"
    else
      say "removed platform $tag's rules; other platforms' remain"
    fi
    ;;
  purge)
    with_lock
    remove_shared
    rm -rf "$state"
    say "removed every Director rule"
    ;;
  status)
    for chain in INPUT DOCKER-USER; do ipt -S "$chain" | grep -- '--comment "\?director' || true; done
    for chain in "$in_chain" "$out_chain"; do ipt -S "$chain" 2>/dev/null || say "no chain $chain"; done
    ;;
  *) echo "usage: docker/firewall.sh check | install | remove | status | purge" >&2; exit 2 ;;
esac
