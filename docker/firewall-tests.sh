#!/usr/bin/env bash
# Tests docker/firewall.sh alone, in a network namespace of its own, so that this machine's own rules never change:
# installing is repeatable, platforms keep each other's rules, a dead platform's rules go, others' rules stay.
#   docker/firewall-tests.sh        (as root; prints ok/FAIL per check, exits 1 on a failure)
set -uo pipefail
if [ "${1:-}" != --inside ]; then
  netns=director-fw-test-$$
  ip netns add "$netns" || exit 1
  trap 'ip netns del "$netns"' EXIT
  nsenter --net="/var/run/netns/$netns" "$0" --inside
  exit $?
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fw=$(cd "$(dirname "$0")" && pwd)/firewall.sh
# The lock and the record of platforms are this machine's; the test keeps its own.
export DIRECTOR_FIREWALL_STATE=$dir/state DIRECTOR_FIREWALL_LOCK=$dir/lock
export DIRECTOR_SITES_BRIDGES=docker_gwbridge,docker0
iptables -N DOCKER-USER; iptables -A DOCKER-USER -j RETURN
mkdir -p "$dir/a/run" "$dir/b/run"
sleep 300 & live=$!
echo "$live" >"$dir/a/run/director.pid"
echo 999999 >"$dir/b/run/director.pid"
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "a wrong egress policy is refused, saying why" '! out=$(DIRECTOR_SITES_EGRESS=all $fw check 2>&1) && [[ $out == *"must be internet, none or open"* ]]'
check "a wrong port is refused" '! DIRECTOR_SITES_HOST_PORTS="3306;reboot" $fw check >/dev/null 2>&1'
check "an appserver's port is refused" '! DIRECTOR_SITES_HOST_PORTS=3306,8085 $fw check >/dev/null 2>&1'
check "another appserver port is refused" '! DIRECTOR_APPSERVER_PORTS=9081 DIRECTOR_SITES_HOST_PORTS=9081 $fw check >/dev/null 2>&1'
check "a wrong allowed host is refused" '! DIRECTOR_SITES_ALLOWED_HOSTS=db.example:5432 $fw check >/dev/null 2>&1'
DIRECTOR_DATA=$dir/a DIRECTOR_SITES_HOST_PORTS=3306 $fw install >/dev/null
once=$(iptables -S)
DIRECTOR_DATA=$dir/a DIRECTOR_SITES_HOST_PORTS=3306 $fw install >/dev/null
check "installing twice gives the same rules" '[ "$(iptables -S)" = "$once" ]'
check "the platform's ports pass" '[ "$(iptables -S DIRECTOR-SITES-IN | grep -c -- "-p tcp -m tcp --dport \(5433\|3306\) -m comment --comment director-[0-9a-f]* -j ACCEPT")" = 2 ]'
check "replies pass first" '[ "$(iptables -S DIRECTOR-SITES-IN | sed -n 2p)" = "-A DIRECTOR-SITES-IN -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment director -j ACCEPT" ]'
check "internet drops the private ranges" '[ "$(iptables -S DIRECTOR-SITES-OUT | grep -c director-egress)" = 5 ] && iptables -S DIRECTOR-SITES-OUT | grep -q -- "-d 169.254.0.0/16 .*-j DROP"'
check "the jumps come first in INPUT" '[ "$(iptables -S INPUT | sed -n 2p)" = "-A INPUT -i docker0 -m comment --comment director -j DIRECTOR-SITES-IN" ]'
check "the last input rule drops" '[ "$(iptables -S DIRECTOR-SITES-IN | tail -1)" = "-A DIRECTOR-SITES-IN -m comment --comment director -j DROP" ]'
DIRECTOR_DATA=$dir/b DIRECTOR_SITES_HOST_PORTS=5000 DIRECTOR_SITES_EGRESS=none DIRECTOR_SITES_ALLOWED_HOSTS=10.9.9.9:5432 $fw install >/dev/null
check "a second platform adds its own port" 'iptables -S DIRECTOR-SITES-IN | grep -q -- "--dport 5000"'
check "and keeps the first's" 'iptables -S DIRECTOR-SITES-IN | grep -q -- "--dport 3306"'
check "its egress policy none drops everything else" '[ "$(iptables -S DIRECTOR-SITES-OUT | tail -1)" = "-A DIRECTOR-SITES-OUT -m comment --comment director-egress -j DROP" ]'
check "its allowed host passes before" 'iptables -S DIRECTOR-SITES-OUT | grep -q -- "-d 10.9.9.9/32 -p tcp -m tcp --dport 5432 .* -j RETURN"'
DIRECTOR_DATA=$dir/a $fw remove
check "removing the live platform's removes the stale one's too, and the chains" '[ "$(iptables -S | grep -c -i director)" = 0 ]'
DIRECTOR_DATA=$dir/a $fw install >/dev/null
DIRECTOR_DATA=$dir/b DIRECTOR_SITES_EGRESS=open $fw install >/dev/null
check "open adds no egress rule" '! iptables -S DIRECTOR-SITES-OUT | grep -q director-egress'
DIRECTOR_DATA=$dir/b $fw remove
check "removing one platform keeps a live other's rules" 'iptables -S DIRECTOR-SITES-IN | grep -q -- "--dport 5433" && iptables -S INPUT | grep -q DIRECTOR-SITES-IN'
iptables -A INPUT -p tcp --dport 1 -m comment --comment "someone-else" -j ACCEPT
DIRECTOR_DATA=$dir/a $fw remove >/dev/null
DIRECTOR_DATA=$dir/a $fw remove >/dev/null
check "removing twice works and leaves others' rules alone" '[ "$(iptables -S | grep -c -i director)" = 0 ] && iptables -S INPUT | grep -q someone-else'
kill $live
exit $fail
