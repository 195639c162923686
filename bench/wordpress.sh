#!/usr/bin/env bash
# WordPress's front page on a running platform against the same WordPress on a bare host Nginx + php-fpm with the
# same limits, in one run: requests per second, latency and errors with wrk (20 connections, 10 s), and the ratio.
# Run by hand, not by the tests; the platform must let sites reach the database port this script opens:
#   DIRECTOR_SITES_HOST_PORTS=3307 ./director up
#   DIRECTOR_BENCH_PASSWORD=<admin password> bench/wordpress.sh
# WordPress is Debian's (6.1, with its default theme), downloaded with apt-get; both copies use the machine's MariaDB
# (root over its socket), reached by the site through socat on the Docker bridge's gateway. The bare php-fpm is the
# PHP runtime image's, run with the site's CPU share, memory and worker count in a container published on loopback,
# so the figures differ by the platform's path only: router, appserver Nginx, overlay network. Everything made is removed afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
portal=${DIRECTOR_BENCH_PORTAL:-http://localhost:${DIRECTOR_MANAGER_PORT:-8080}}
sites_port=${DIRECTOR_SITES_PORT:-8000}
domain=${DIRECTOR_SITES_DOMAIN:-sites.localhost}
data=${DIRECTOR_DATA:-$here/.data}
user=${DIRECTOR_BENCH_USER:-admin}
password=${DIRECTOR_BENCH_PASSWORD:?set DIRECTOR_BENCH_PASSWORD to the password of $user}
duration=${DIRECTOR_BENCH_DURATION:-10s}
connections=${DIRECTOR_BENCH_CONNECTIONS:-20}
db_port=${DIRECTOR_BENCH_DB_PORT:-3307}
bare_port=${DIRECTOR_BENCH_BARE_PORT:-8098}
# The site's defaults (SiteLimits, director-php-fpm): half a core, 256 MiB, 5 php-fpm workers.
cpus=0.5
memory=256m
workers=5
for tool in wrk socat; do
  command -v $tool >/dev/null || { echo "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

work=$(mktemp -d)
chmod 755 "$work"
pids=()
id=
db_password=bench-$RANDOM$RANDOM
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  docker rm -f wordpress-bench-fpm >/dev/null 2>&1 || true
  mysql -e "DROP DATABASE IF EXISTS wpbench_site; DROP DATABASE IF EXISTS wpbench_bare; DROP USER IF EXISTS 'wpbench'@'%';" || true
  if [ -n "$id" ]; then
    curl -s -c "$jar" -b "$jar" -o /dev/null -d "confirm=$name&_csrf=$(token "/sites/$id")" "$portal/sites/$id/delete"
    echo "deleted the benchmark site $name"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
jar=$work/cookies
token() { curl -s -c "$jar" -b "$jar" "$portal$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

echo "downloading Debian's WordPress"
mkdir -p "$work/debs" "$work/root"
(cd "$work/debs" && apt-get download -qq wordpress wordpress-theme-twentytwentythree libjs-underscore libjs-cropper php-getid3 2>/dev/null)
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
find -L "$work/root/usr/share/wordpress" -type l -delete
mkdir -p "$work/wordpress"
cp -rL "$work/root/usr/share/wordpress/." "$work/wordpress/"
rm -f "$work/wordpress/wp-config.php"

mysql -e "CREATE DATABASE wpbench_site; CREATE DATABASE wpbench_bare; CREATE USER 'wpbench'@'%' IDENTIFIED BY '$db_password';
  GRANT ALL ON wpbench_site.* TO 'wpbench'@'%'; GRANT ALL ON wpbench_bare.* TO 'wpbench'@'%';"
gateway=$(docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}')
if [ -z "$gateway" ]; then
  bridge=$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}')
  gateway=$(ip -4 -o addr show "${bridge:-docker0}" | awk '{print $4}' | cut -d/ -f1 | head -1)
fi
[ -n "$gateway" ] || { echo "cannot tell the address of Docker's bridge" >&2; exit 1; }
socat "TCP-LISTEN:$db_port,bind=$gateway,fork,reuseaddr" TCP:127.0.0.1:3306 &
pids+=($!)

config() { # database host
  cat <<EOF
<?php
define('DB_NAME', '$1');
define('DB_USER', 'wpbench');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', '$2');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) { define('ABSPATH', __DIR__ . '/'); }
require_once ABSPATH . 'wp-settings.php';
EOF
}
install() { # base-url
  curl -s -o /dev/null -w '%{http_code}' --max-time 120 "${@:2}" \
    -d "weblog_title=Bench&user_name=bench&admin_password=$db_password&admin_password2=$db_password&pw_weak=1&admin_email=bench@example.org&blog_public=0&language=" \
    "$1/wp-admin/install.php?step=2"
}

# The platform's copy: a PHP site with WordPress in public/, owned by the site's user.
curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$user&password=$password&_csrf=$(token /login)" "$portal/login"
curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$portal/sites" | grep -q 200 || { echo "cannot log in as $user" >&2; exit 1; }
name=wp-bench-$RANDOM
location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  -d "name=$name&description=benchmark&type=PHP&_csrf=$(token /sites/new)" "$portal/sites/new")
id=${location##*/}
[[ $id =~ ^[0-9]+$ ]] || { echo "the portal did not create the site: $location" >&2; id=; exit 1; }
for _ in $(seq 1 600); do [ -d "$data/sites/$id/public" ] && break; sleep 0.1; done
owner=$(stat -c %u:%g "$data/sites/$id")
rm -f "$data/sites/$id/public/index.html"
cp -r "$work/wordpress/." "$data/sites/$id/public/"
config wpbench_site "$gateway:$db_port" > "$data/sites/$id/public/wp-config.php"
chown -R "$owner" "$data/sites/$id/public"
host=$name.$domain
site_url=http://$host:$sites_port
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --resolve "$host:$sites_port:127.0.0.1" "$site_url/wp-admin/install.php")" = 200 ] && break
  sleep 0.2
done
echo "installing WordPress on the platform: $(install "$site_url" --resolve "$host:$sites_port:127.0.0.1")"

# The bare copy: the host's Nginx and the PHP runtime's php-fpm in a container limited like the site's process.
mkdir -p "$work/bare/public" "$work/tmp"
cp -r "$work/wordpress/." "$work/bare/public/"
config wpbench_bare "$gateway:$db_port" > "$work/bare/public/wp-config.php"
chown -R "$owner" "$work/bare"
# Published on loopback only: php-fpm's port would take FastCGI (and so any code) from anyone who reaches it.
docker run -d --name wordpress-bench-fpm -p 127.0.0.1:9000:9000 --cpus "$cpus" --memory "$memory" -u "$owner" \
  -e DIRECTOR_PHP_WORKERS=$workers -e DIRECTOR_PHP_MAX_BODY=32M -v "$work/bare:/site" -w /site \
  director/runtime-php:5 /usr/local/bin/director-php-fpm >/dev/null
sleep 1
docker ps -q --filter name=wordpress-bench-fpm | grep -q . || { docker logs wordpress-bench-fpm 2>&1 | tail -5; echo "the bare php-fpm did not start" >&2; exit 1; }
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$bare_port;
    root $work/bare/public;
    index index.php;
    location / { try_files \$uri \$uri/ /index.php\$is_args\$args; }
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /site/public\$fastcgi_script_name;
      fastcgi_param DOCUMENT_ROOT /site/public;
      fastcgi_pass 127.0.0.1:9000;
    }
  }
}
EOF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
bare_url=http://127.0.0.1:$bare_port
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$bare_url/wp-admin/install.php")" = 200 ] && break
  sleep 0.2
done
echo "installing WordPress on the bare Nginx + php-fpm: $(install "$bare_url")"

# Both warm (opcache), then measured one after the other.
for _ in 1 2 3; do
  curl -s -o /dev/null --resolve "$host:$sites_port:127.0.0.1" "$site_url/"
  curl -s -o /dev/null "$bare_url/"
done
check() { curl -s --resolve "$host:$sites_port:127.0.0.1" "$1" | grep -c 'Hello world!' || true; }
[ "$(check "$site_url/")" -gt 0 ] || { echo "the platform's WordPress does not show its first post" >&2; exit 1; }
[ "$(curl -s "$bare_url/" | grep -c 'Hello world!' || true)" -gt 0 ] || { echo "the bare WordPress does not show its first post" >&2; exit 1; }

measure() { # url [host header]
  local args=(-t2 -c"$connections" -d"$duration" --timeout 10s --latency)
  [ -n "${2:-}" ] && args+=(-H "Host: $2")
  wrk "${args[@]}" "$1" > "$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$work/wrk.txt")
  echo "$rps|$p50|$p99|${errors:-none}"
}
platform=$(measure "http://127.0.0.1:$sites_port/" "$host:$sites_port")
bare=$(measure "$bare_url/")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-44s %9s %9s %9s %6s  %s\n' "WordPress front page ($connections connections)" "req/s" "p50" "p99" "ratio" "errors"
IFS='|' read -r rps p50 p99 errors <<<"$platform"
IFS='|' read -r bare_rps bare_p50 bare_p99 bare_errors <<<"$bare"
printf '%-44s %9s %9s %9s %6s  %s\n' "router -> appserver Nginx -> site php-fpm" "$rps" "$p50" "$p99" "$(ratio "$rps" "$bare_rps")" "$errors"
printf '%-44s %9s %9s %9s %6s  %s\n' "bare host Nginx -> php-fpm, same limits" "$bare_rps" "$bare_p50" "$bare_p99" "1.00" "$bare_errors"
