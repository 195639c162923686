#!/bin/sh
# Starts the appserver Nginx once the orchestrator has attached this container to every site's network and said so
# with a file named after this container in ready/: until then the container refuses connections, so the router sends
# requests to another appserver rather than to one that cannot reach the sites' processes yet. With no orchestrator to
# say so (it is down), Nginx starts after DIRECTOR_READY_WAIT seconds all the same: sites' processes it cannot reach yet
# answer with the "not running" page until the orchestrator is back and attaches it.
# A reload (SIGHUP) that comes before Nginx runs has nothing to reload: Nginx reads the current files when it starts.
trap : HUP
# A socket left by a container that was killed would make Nginx's bind fail; the router meanwhile sends its requests to
# the other appserver.
rm -f /run/director-appserver/http.sock
ticks=$(( ${DIRECTOR_READY_WAIT:-30} * 5 ))
ready=/etc/director/nginx/ready/$(hostname)
while [ ! -e "$ready" ] && [ "$ticks" -gt 0 ]; do
  sleep 0.2
  ticks=$((ticks - 1))
done
exec nginx -c /etc/director/nginx/nginx.conf -g 'daemon off;'
