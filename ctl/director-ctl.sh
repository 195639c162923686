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
  db servers [--json]            the servers a new database can be made on
  db show ID [--json]            the site's database (its password hidden)
  db create ID SERVER_ID [--wait] [--json]
  db password ID [--wait] [--json]   a new password; the site's process restarts with it
  db reveal ID                   the address with its password (a token that may change the site)
  db sql ID [FILE] [--json]      run the statements in FILE (or standard input); rows as tab-separated lines
  db delete ID --confirm SITE_NAME [--wait] [--json]
  domains list ID [--json]       the site's custom domains, their states and the DNS records each needs
  domains add ID NAME [--json]
  domains check ID NAME [--json] ask DNS now (exit 0 only when the domain is proven)
  domains remove ID NAME
  domains waiting [--state STATE] [--json]   every site's domains waiting for an approval (administrators, as users)
  domains approve DOMAIN_ID      let a proven domain be served
  domains reject DOMAIN_ID REASON   stop serving it; the site's owner reads the reason
  users list [--query TEXT] [--role student|teacher|admin] [--json]   (users: an administrator's token with admin, and
                                 sites:read to read or sites:write to change)
  users create USERNAME --email ADDRESS [--name NAME] [--role ROLE] [--json]   the password (10 characters to 72 bytes)
                                 from standard input
  users import FILE.csv [--dry-run] [--json]   columns named on the first line: username,email[,fullName,role,password];
                                 all rows are checked before any is created; prints username,password as each batch
                                 of 100 is created (the password made for an account the file gave none)
  users max-sites ID N|default   how many sites the user may have
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

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=ctl/client.sh
. "$here/client.sh"
# shellcheck source=ctl/portal.sh
. "$here/portal.sh"
# shellcheck source=ctl/accounts.sh
. "$here/accounts.sh"
# shellcheck source=ctl/orchestrator.sh
. "$here/orchestrator.sh"

case ${1:-} in
  orchestrator) shift; orchestrator "$@" ;;
  login) shift; login "$@" ;;
  logout) rm -f "$credentials"; echo "signed out; the token still works until you revoke it on \"API tokens\"" ;;
  sites) shift; sites "$@" ;;
  env) shift; environment "$@" ;;
  files) shift; files "$@" ;;
  ops) shift; ops "$@" ;;
  db) shift; database "$@" ;;
  domains) shift; domains "$@" ;;
  users) shift; users "$@" ;;
  *) usage ;;
esac
