#!/usr/bin/env bash
# Prepares a machine for the real-Docker tests: installs Docker and the tools with apt,
# starts dockerd in the background when no engine answers, waits for its socket, and
# builds the lab images offline. Quick and harmless to run again once all is in place.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SOCK=/var/run/docker.sock

need=()
for pkg in docker.io iptables tcpdump debootstrap busybox-static; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "starting dockerd"
  setsid nohup /usr/sbin/dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    [ -S "$SOCK" ] && docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { tail -20 /var/log/dockerd.log >&2; echo "dockerd did not start" >&2; exit 1; }
fi
echo "docker engine $(docker version --format '{{.Server.Version}}') ready"

"$here/build-images.sh"
