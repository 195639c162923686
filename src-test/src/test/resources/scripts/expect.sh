# Sourced by the operators' scripts: runs a command that must exit with the given code, and says what it printed when
# it does not.
expect() {
  local want=$1 got=0 printed; shift
  printed=$("$@" 2>&1) || got=$?
  [ "$got" = "$want" ] || { echo "$*: exit $got, not $want: $printed" >&2; exit 11; }
}
