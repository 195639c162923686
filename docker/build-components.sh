#!/usr/bin/env bash
# Builds the images of Director's four components for the Swarm stack (docker/stack.yml) from their jars, which
# must be built first (./director stack up does both): director/manager, director/orchestrator, director/router and
# director/shell, each tagged with a digest of what it was built from, so that a stack deployed again with a new
# image restarts that component (Swarm compares image names, and has no registry here to resolve a tag).
# With a file as argument, it writes there the images to deploy: DIRECTOR_MANAGER_IMAGE=director/manager:<tag> ...
# An image is built again only when its jar changed (each image is labelled with its jar's SHA-256 and the uid) or the node's
# service user director (which ./director makes) has another uid or gid.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
docker=${DOCKER:-/usr/bin/docker}
images=${1:-/dev/null}
user=director
uid=$(id -u "$user") gid=$(id -g "$user") || { echo "no user $user on this node; ./director stack up makes it" >&2; exit 1; }

packages_of() {
  case $1 in
    orchestrator) echo btrfs-progs ;;
    router) echo nginx-light ;;
    *) echo "" ;;
  esac
}

for component in manager orchestrator router shell; do
  jar=$root/$component/target/director-$component-0.1.0-SNAPSHOT.jar
  [ -f "$jar" ] || { echo "no jar for the $component at $jar; build the project first (mvn -DskipTests package)" >&2; exit 1; }
  # What the image is made of: the jar, the files here, the packages, the base image (a rebuilt base brings its
  # security updates), and the service user's ids.
  stamp=$( (cat "$jar" "$here/component/Dockerfile" "$here/component/start-component"; packages_of "$component"
    "$docker" image inspect director/base:bookworm --format '{{.Id}}') | sha256sum | cut -d' ' -f1):$uid:$gid
  image=director/$component:$(printf '%s' "$stamp" | sha256sum | cut -c1-12)
  printf 'DIRECTOR_%s_IMAGE=%s\n' "${component^^}" "$image" >>"$images"
  "$docker" image inspect "$image" >/dev/null 2>&1 && continue
  echo "building $image"
  context=$(mktemp -d /tmp/director-component.XXXXXX)
  cp "$here/component/Dockerfile" "$here/component/start-component" "$context/"
  cp "$jar" "$context/component.jar"
  "$docker" build -q -t "$image" --build-arg "COMPONENT=$component" \
    --build-arg "DIRECTOR_UID=$uid" --build-arg "DIRECTOR_GID=$gid" \
    --build-arg "PACKAGES=$(packages_of "$component")" "$context" >/dev/null \
    || { rm -rf "$context"; echo "building $image failed" >&2; exit 1; }
  rm -rf "$context"
  # The component's images before this one go, but for one a running container still uses.
  "$docker" image ls --format '{{.Repository}}:{{.Tag}}' "director/$component" | grep -vxF "$image" \
    | xargs -r "$docker" image rm >/dev/null 2>&1 || true
done
echo "component images ready"
