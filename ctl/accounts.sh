# ./director ctl users: accounts, for an administrator's token with the admin scope (and sites:read to read, or
# sites:write to change them). Sourced by director-ctl.sh.

users() {
  local command=${1:-} json='' query='' role='' id='' max='' email='' full='' password answer
  shift || true
  case $command in
    list)
      while [ $# -gt 0 ]; do
        case $1 in
          --json) json=1 ;;
          --query) value "$@"; query=$2; shift ;;
          --role) value "$@"; role=$2; shift; [[ $role =~ ^(student|teacher|admin)$ ]] || fail 2 "--role is student, teacher or admin" ;;
          *) usage ;;
        esac; shift
      done
      load
      each_page "/admin/users?size=100&role=$role&q=$(jq -rn --arg q "$query" '$q|@uri')" "$json" \
        '.items[] | "\(.id)\t\(.username)\t\(.role)\t\(.email)\t\(.sites) of \(.maxSites // "any number of") sites"' ;;
    create)
      id=${1:-}; shift || true
      [ -n "$id" ] && [[ $id != --* ]] || usage
      while [ $# -gt 0 ]; do
        case $1 in
          --json) json=1 ;;
          --email) value "$@"; email=$2; shift ;;
          --name) value "$@"; full=$2; shift ;;
          --role) value "$@"; role=$2; shift ;;
          *) usage ;;
        esac; shift
      done
      [ -n "$email" ] || fail 2 "give the account's address with --email"
      [ -t 0 ] && echo "Type the password (at least 10 characters, at most 72 bytes; it is not shown), then Enter:" >&2
      IFS= read -rs password || true
      load
      # The password reaches jq in its environment, which only this user may read, not on its command line.
      answer=$(call POST /admin/users "$(PASSWORD=$password jq -n --arg u "$id" --arg e "$email" --arg f "$full" \
        --arg r "${role:-student}" '{username: $u, email: $e, fullName: $f, role: $r, password: env.PASSWORD}')")
      show "$answer" "$json" '"created \(.username) (\(.role), id \(.id))"' ;;
    import) users_import "$@" ;;
    max-sites)
      id=${1:-} max=${2:-}; shift 2 || usage; number "$id" ID
      [[ $max =~ ^([0-9]{1,5}|default)$ ]] || fail 2 "give the most sites as a number, or default"
      while [ $# -gt 0 ]; do case $1 in --json) json=1 ;; *) usage ;; esac; shift; done
      load
      answer=$(call PUT "/admin/users/$id/max-sites" "$(jq -n --arg m "$max" '{maxSites: (if $m == "default" then null else ($m | tonumber) end)}')")
      show "$answer" "$json" '"\(.username) may have \(.maxSites // "any number of") sites\(if .customMaxSites then "" else " (the default)" end)"' ;;
    *) usage ;;
  esac
}

# A CSV file's accounts as JSON rows, each with the line it came from. The first line names the columns (username and
# email; fullName or name, role and password may follow, in any order); a field may be quoted ("" within quotes is
# one "), with spaces around it; lines with nothing on them are skipped. A quote left open is an error.
csv_accounts() {
  jq -Rs '
    def fields:
      reduce (explode[] | [.] | implode) as $c ({f: [], cur: "", q: false, closed: false};
        if .q then (if $c == "\"" then .q = false | .closed = true else .cur += $c end)
        elif $c == "\"" then
          (if .closed then .cur += "\"" elif (.cur | test("^\\s*$")) then .cur = ""
           else error("a quote within a field that does not start with one") end) | .q = true | .closed = false
        elif $c == "," then .f += [.cur] | .cur = "" | .closed = false
        elif .closed then (if $c | test("\\s") then . else error("text after a closing quote") end)
        else .cur += $c end)
      | if .q then error("a quote is left open") else .f + [.cur] | map(gsub("^\\s+|\\s+$"; "")) end;
    sub("^\ufeff"; "") | split("\n") | to_entries | map(.value |= sub("\r$"; ""))
    | map(.key as $n | {line: ($n + 1), f: (try (.value | fields) catch error("line \($n + 1): \(.)"))})
    | map(select(.f | any(. != "")))
    | (.[0].f // [] | map(ascii_downcase | gsub("[^a-z]"; ""))) as $keys
    | if ($keys | index("username")) == null or ($keys | index("email")) == null
      then error("the first line names the columns: username,email[,fullName,role,password]")
      elif ($keys | length) != ($keys | unique | length) then error("the first line names a column twice")
      else .[1:] | map(
        if (.f | length) != ($keys | length)
        then error("line \(.line): \(.f | length) fields, where the first line names \($keys | length) columns")
        else . end
        | .line as $line | [$keys, .f] | transpose | map({key: .[0], value: .[1]}) | from_entries
        | {line: $line, username, email, role: (.role // "student"), password: (.password // ""),
           fullName: (if (.fullname // "") != "" then .fullname else (.name // "") end)})
      end'
}

# Creates the accounts of a CSV file (see csv_accounts), 100 to a call. Every batch is checked first (a dry run), so a
# wrong row anywhere creates nothing; then each batch is created whole, and its new accounts printed at once as CSV:
# the user name and the password made for it (none when the file gave one). Names already taken are skipped.
users_import() {
  local file=${1:-} json='' dry='' rows count start pass twice made=0
  shift || true
  [ -n "$file" ] || usage
  { [ "$file" = - ] || { [ -f "$file" ] && [ -r "$file" ]; }; } || fail 2 "cannot read the file $file"
  while [ $# -gt 0 ]; do case $1 in --json) json=1 ;; --dry-run) dry=1 ;; *) usage ;; esac; shift; done
  rows=$(cat -- "$file" | csv_accounts 2>&1) || fail 2 "$file: $(sed -n 's/^jq: error (at [^)]*): //p' <<<"$rows" | head -1)"
  count=$(jq length <<<"$rows")
  (( count > 0 )) || fail 2 "$file has no accounts"
  twice=$(jq -r 'map(select(.username != "")) | group_by(.username) | map(select(length > 1)
    | "\(.[0].username) is on lines \(map(.line) | join(", "))") | join("; ")' <<<"$rows")
  [ -z "$twice" ] || fail 2 "$file: $twice"
  load
  for pass in check create; do
    [ "$pass" = create ] && [ -n "$dry" ] && break
    for (( start = 0; start < count; start += 100 )); do
      request POST "/admin/users/import?dryRun=$([ "$pass" = check ] && echo true || echo false)" \
        "$(jq -c --argjson s "$start" '.[$s:$s + 100] | map(del(.line))' <<<"$rows")" 300
      if [[ $code != 2?? ]]; then
        if [ "$pass" = create ] && (( made )); then
          echo "director ctl: the accounts of the lines before line $(jq -r --argjson s "$start" '.[$s].line' <<<"$rows") were created (printed above)" >&2
        fi
        # The answer numbers the rows of the batch; the problems are told by the file's lines instead.
        if [[ $code == 422 ]] && jq -e '.errors | length > 0' <<<"$reply" >/dev/null 2>&1; then
          jq -r --argjson batch "$(jq -c --argjson s "$start" '.[$s:$s + 100] | map(.line)' <<<"$rows")" \
            '.errors | to_entries[] | (.key | capture("^row (?<n>[0-9]+) ?(?<field>.*)$")) as $at
              | "line \($batch[($at.n | tonumber) - 1]) \($at.field): \(.value)" | gsub("[\u0000-\u001f\u007f]"; "?")' \
            <<<"$reply" >&2 || true
          fail 1 "$(jq -r '.detail | gsub("[\u0000-\u001f\u007f]"; "?")' <<<"$reply")"
        fi
        refused
      fi
      jq -e 'type == "object" and (.created | type) == "array"' <<<"$reply" >/dev/null 2>&1 \
        || fail 4 "$what answered what is not its API"
      [ "$pass" = create ] || [ -n "$dry" ] || continue
      if [ -n "$json" ]; then made=1; printf '%s\n' "$reply"; continue; fi
      # The header comes with the first account made, so a file whose accounts all exist prints none.
      if (( ! made )) && [ "$(jq '.created | length' <<<"$reply")" != 0 ]; then echo username,password; made=1; fi
      jq -r '.skipped[] | "skipped \(.) (taken already)"' <<<"$reply" >&2
      jq -r '.created[] | "\(.username),\(.password // "")"' <<<"$reply"
    done
  done
}
