#!/usr/bin/env bash
# Builds the real lab's two images offline and imports them into the running engine:
#   docker-networking-explorer/node:bookworm      c1, c2, c3 and web: Debian 12 with the article's tools
#   docker-networking-explorer/labhost:bullseye.2 the lab host: Debian 11, as the article's host had them:
#                                                 Docker 20.10, iptables 1.8.7 (legacy), conntrack, plus the same tools
# debootstrap reads packages from this machine's apt mirror, so no container registry is needed.
# Idempotent: an image that already exists is skipped. Needs root, debootstrap and a running dockerd.
set -euo pipefail
NODE_IMAGE=${NODE_IMAGE:-docker-networking-explorer/node:bookworm}
LABHOST_IMAGE=${LABHOST_IMAGE:-docker-networking-explorer/labhost:bullseye.2}
LABEL='com.docker-networking-explorer.image=1'
TOOLS=iproute2,iputils-ping,python3,curl,procps,tcpdump,jq,iptables,ca-certificates,less
CACHE=${DEBOOTSTRAP_CACHE:-/var/cache/docker-networking-explorer/debootstrap}

mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# build IMAGE SUITE PACKAGES
build() {
  local image=$1 suite=$2 packages=$3 root
  if docker image inspect "$image" >/dev/null 2>&1; then echo "exists $image"; return; fi
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  mkdir -p "$CACHE"
  echo "building $image (debootstrap $suite, a minute or two)"
  if ! debootstrap --variant=minbase --cache-dir="$CACHE" --include="$packages" "$suite" "$root/fs" "$(mirror)" >"$root/log" 2>&1; then
    tail -20 "$root/log" >&2
    echo "debootstrap failed for $image" >&2
    return 1
  fi
  local fs=$root/fs
  rm -rf "$fs/var/cache/apt/archives/"*.deb "$fs/var/lib/apt/lists/"*
  # Fewer bytes to load into every lab host; nothing the lab reads.
  rm -rf "$fs/usr/share/doc/"* "$fs/usr/share/man/"* "$fs/usr/share/info/"* "$fs/usr/share/locale/"*
  # iptables-legacy, as Docker 20.10 wrote its rules on the article's host.
  chroot "$fs" update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  chroot "$fs" update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
  # Without a `loopback` network name, iptables prints 127.0.0.0/8 as the article shows.
  sed -i '/^loopback\b/d' "$fs/etc/networks" 2>/dev/null || true
  tar -C "$fs" -c . | docker import -c "LABEL $LABEL" -c 'CMD ["bash"]' - "$image" >/dev/null
  echo "built $image"
}

build "$NODE_IMAGE" bookworm "$TOOLS,python-is-python3"
build "$LABHOST_IMAGE" bullseye "$TOOLS,docker.io,util-linux,kmod,conntrack,netcat-openbsd"
