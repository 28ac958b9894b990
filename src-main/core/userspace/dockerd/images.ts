// The image catalogue: what `docker pull/images/run` know, and which commands
// exist inside a container of each image.

/** Shell builtins and coreutils every image with a shell has. */
const BASE = [
  'sh', 'echo', 'printf', 'cat', 'ls', 'hostname', 'whoami', 'clear', 'exit', 'true', 'false', 'sleep', 'cd', 'pwd', 'env', 'export', 'unset', 'jobs', 'help', 'history', 'kill',
  // coreutils, grep, sed, mawk and ncurses-bin: in every Debian image, and applets of BusyBox.
  'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'tee', 'seq', 'yes', 'xargs', 'date', 'uname', 'stty', 'tput', 'awk', 'sed',
];
const BASH = ['bash', ...BASE];
const BUSYBOX = [...BASE, 'ip', 'ping', 'wget', 'nc', 'ps', 'sysctl'];

export interface Image {
  /** Repository as `docker images` prints it. */
  repository: string;
  tag: string;
  /** sha256 image id, 64 hex digits. */
  id: string;
  /** Default command. */
  cmd: string[];
  /** As `docker images` prints it. */
  size: string;
  /** Days before the lab's epoch when the image was built (`CREATED`). */
  ageDays: number;
  /** Layers `docker pull` shows. */
  layers: number;
  commands: readonly string[];
}

export const IMAGES: readonly Image[] = [
  {
    repository: 'lab/debian',
    tag: 'bookworm',
    id: 'bc0542edb2a44db7c4b0f0600b64a93be2f6e6067850a87ddcc063ae013f6001',
    cmd: ['bash'],
    size: '212MB',
    ageDays: 1,
    layers: 2,
    commands: [...BASH, 'ip', 'bridge', 'ping', 'python3', 'python', 'curl', 'ps', 'watch', 'tcpdump', 'jq', 'iptables', 'iptables-save', 'iptables-restore', 'sysctl', 'ss', 'nsenter', 'lsns', 'man'],
  },
  {
    repository: 'ubuntu',
    tag: 'latest',
    id: 'a8780b506fa4eeb1d0779a3c92c8d5d3e6a656c758135f62826768da458b5235',
    cmd: ['bash'],
    size: '77.8MB',
    ageDays: 30,
    layers: 1,
    commands: BASH,
  },
  {
    repository: 'python',
    tag: '3',
    id: 'e8b0a3ecb0c4e9f1a2e4b3ab4c9fd1ad8cf3ce7e4c3b5a6e0a2c4c38b4e8f6a1',
    cmd: ['python3'],
    size: '1.02GB',
    ageDays: 14,
    layers: 8,
    commands: [...BASH, 'python3', 'python', 'curl', 'wget', 'ps', 'watch'],
  },
  {
    repository: 'nicolaka/netshoot',
    tag: 'latest',
    id: '31f0c3b7c7d04c7d9b3c12a8b5ea1c0b6b2f7d1e0f4a5c6d7e8f9a0b1c2d3e4f',
    cmd: ['zsh'],
    size: '440MB',
    ageDays: 60,
    layers: 12,
    commands: [...BASH, 'zsh', 'ip', 'bridge', 'ping', 'curl', 'wget', 'nc', 'ss', 'ps', 'watch', 'tcpdump', 'jq', 'iptables', 'iptables-save', 'iptables-restore', 'conntrack', 'nsenter', 'sysctl'],
  },
  {
    repository: 'alpine',
    tag: 'latest',
    id: 'b2aa39c304c27b96c1fef0c06bee651ac9241d49c4fe34381cab8453f9a89c7d',
    cmd: ['/bin/sh'],
    size: '7.05MB',
    ageDays: 45,
    layers: 1,
    commands: BUSYBOX,
  },
  {
    repository: 'busybox',
    tag: 'latest',
    id: '65ad0d468eb1c558bf7f4e64e790f586e9eda649ee9f130cd0e835b292bbc5ac',
    cmd: ['sh'],
    size: '4.26MB',
    ageDays: 90,
    layers: 1,
    commands: BUSYBOX,
  },
];

/** Splits `repo[:tag]` (default tag `latest`). */
export function parseReference(ref: string): { repository: string; tag: string } {
  const at = ref.lastIndexOf(':');
  if (at > 0 && !ref.slice(at).includes('/')) return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
  return { repository: ref, tag: 'latest' };
}

/** The catalogue's image for a reference (`ubuntu`, `python:3`, `lab/debian:bookworm`), or by id prefix. */
export function findImage(ref: string): Image | undefined {
  const { repository, tag } = parseReference(ref.replace(/^docker\.io\/(library\/)?/, ''));
  const exact = IMAGES.find((i) => i.repository === repository && i.tag === tag);
  if (exact) return exact;
  const byId = ref.length >= 4 ? IMAGES.find((i) => i.id.startsWith(ref.replace(/^sha256:/, ''))) : undefined;
  if (byId) return byId;
  const family = IMAGES.find((i) => i.repository === repository);
  return family && /^[\w][\w.-]{0,127}$/.test(tag) ? otherTag(family, tag) : undefined;
}

/** Stable hex digits derived from a string (FNV-1a): ids and digests that stay the same every run. */
export function stableHex(seed: string, n: number): string {
  let out = '';
  let h = 2166136261;
  while (out.length < n) {
    for (const ch of seed + out.length) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

// Another tag of a catalogue image (`ubuntu:22.04`, `python:3.12`): the same
// commands, its own id. One object per tag, so "pulled" sets recognise it.
const otherTags = new Map<string, Image>();

function otherTag(family: Image, tag: string): Image {
  const key = `${family.repository}:${tag}`;
  let image = otherTags.get(key);
  if (!image) {
    image = { ...family, tag, id: stableHex(key, 64) };
    otherTags.set(key, image);
  }
  return image;
}
