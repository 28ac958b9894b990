#!/usr/bin/env bash
# Builds the real lab's two images offline and imports them into the running engine:
#   docker-networking-explorer/node:bookworm      c1, c2, c3 and web: Debian with the article's tools
#   docker-networking-explorer/labhost:bookworm   the lab host: the same tools plus Docker 20.10 (docker.io)
# debootstrap reads packages from this machine's apt mirror, so no container registry is needed.
# Idempotent: an image that already exists is skipped. Needs root, debootstrap and a running dockerd.
set -euo pipefail
NODE_IMAGE=${NODE_IMAGE:-docker-networking-explorer/node:bookworm}
LABHOST_IMAGE=${LABHOST_IMAGE:-docker-networking-explorer/labhost:bookworm}
LABEL='com.docker-networking-explorer.image=1'
TOOLS=iproute2,iputils-ping,python3,python-is-python3,curl,procps,tcpdump,jq,iptables,ca-certificates,less
CACHE=${DEBOOTSTRAP_CACHE:-/var/cache/docker-networking-explorer/debootstrap}

mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# build IMAGE EXTRA_PACKAGES
build() {
  local image=$1 packages=$2 root
  if docker image inspect "$image" >/dev/null 2>&1; then echo "exists $image"; return; fi
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  mkdir -p "$CACHE"
  echo "building $image (debootstrap, about a minute)"
  if ! debootstrap --variant=minbase --cache-dir="$CACHE" --include="$packages" bookworm "$root/fs" "$(mirror)" >"$root/log" 2>&1; then
    tail -20 "$root/log" >&2
    echo "debootstrap failed for $image" >&2
    return 1
  fi
  rm -rf "$root/fs/var/cache/apt/archives/"*.deb "$root/fs/var/lib/apt/lists/"*
  # iptables-legacy matches what Docker 20.10 writes on the article's host.
  chroot "$root/fs" update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  chroot "$root/fs" update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
  tar -C "$root/fs" -c . | docker import -c "LABEL $LABEL" -c 'CMD ["bash"]' - "$image" >/dev/null
  echo "built $image"
}

build "$NODE_IMAGE" "$TOOLS"
build "$LABHOST_IMAGE" "$TOOLS,docker.io,util-linux,kmod"
