// The files every lab host has: /etc/hostname, /etc/hosts, /proc files
// generated from the live namespace (sysctls, connection tracking) and /dev's
// null, zero and urandom.
import type { NetNamespace } from '../sim/net/namespace.js';
import { seededRandom } from '../sim/world.js';
import { FileSystem } from './fs.js';

export interface HostFilesOptions {
  hostname: string;
  netns: NetNamespace;
  /** `/etc/hosts` body; Docker writes the container's own address line. */
  hosts?: string;
  /** `/etc/resolv.conf` body (Docker's embedded DNS in containers on user-defined networks); default: the lab gateway. */
  resolvConf?: string;
  /** Lines of /proc/net/nf_conntrack, read live (empty outside the Docker host). */
  conntrack?: () => string[];
  /** Docker mounts /proc/sys read-only in containers, and leaves /.dockerenv in their root. */
  container?: boolean;
  /** The Docker host: its Debian bullseye release and groups (docker.io and tcpdump add theirs). */
  dockerHost?: boolean;
}

const BULLSEYE_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"
NAME="Debian GNU/Linux"
VERSION_ID="11"
VERSION="11 (bullseye)"
VERSION_CODENAME=bullseye
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const DOCKER_HOST_GROUPS = [
  ...['root:0', 'daemon:1', 'bin:2', 'sys:3', 'adm:4', 'tty:5', 'disk:6', 'lp:7', 'mail:8', 'news:9', 'uucp:10', 'man:12', 'proxy:13', 'kmem:15'],
  ...['dialout:20', 'fax:21', 'voice:22', 'cdrom:24', 'floppy:25', 'tape:26', 'sudo:27', 'audio:29', 'dip:30', 'www-data:33', 'backup:34'],
  ...['operator:37', 'list:38', 'irc:39', 'src:40', 'gnats:41', 'shadow:42', 'utmp:43', 'video:44', 'sasl:45', 'plugdev:46', 'staff:50'],
  ...['games:60', 'users:100', 'nogroup:65534', 'tcpdump:101', 'docker:102'],
]
  .map((g) => g.replace(':', ':x:') + ':\n')
  .join('');

const DEFAULT_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';

/** `net.ipv4.ip_forward` lives at /proc/sys/net/ipv4/ip_forward. */
export function sysctlPath(key: string): string {
  return '/proc/sys/' + key.replace(/\./g, '/');
}

/** Debian bookworm's root directory (usrmerge: /bin, /lib, /lib64, /sbin are links into /usr). */
const ROOT_DIRS = ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr/bin', 'usr/lib', 'usr/lib64', 'usr/sbin', 'var/log'];
const MERGED_USR = ['bin', 'lib', 'lib64', 'sbin'];

export function createHostFiles(options: HostFilesOptions): FileSystem {
  const fs = new FileSystem();
  for (const dir of ROOT_DIRS) fs.mkdir('/' + dir);
  for (const name of MERGED_USR) fs.symlink('/' + name, 'usr/' + name);
  for (const dir of ['/proc/sys/net/ipv4/conf/all', '/proc/net']) fs.mkdir(dir);
  if (options.container) fs.writeFile('/.dockerenv', '');
  fs.writeFile('/etc/hostname', options.hostname + '\n');
  fs.writeFile('/etc/hosts', options.hosts ?? DEFAULT_HOSTS);
  fs.writeFile('/etc/resolv.conf', options.resolvConf ?? 'nameserver 172.16.211.2\n');
  if (options.dockerHost) {
    fs.writeFile('/etc/os-release', BULLSEYE_OS_RELEASE);
    fs.writeFile('/etc/group', DOCKER_HOST_GROUPS);
  }
  const ns = options.netns;
  const readOnly = options.container ?? false;
  for (const key of ns.sysctl.keys()) bindSysctl(fs, ns, key, readOnly);
  // Devices come and go with their /proc/sys/net/ipv4/conf/<device>/ folder.
  ns.sysctl.watch((added, removed) => {
    for (const key of added) bindSysctl(fs, ns, key, readOnly);
    for (const key of removed) fs.remove(sysctlPath(key));
    for (const dir of new Set(removed.map((key) => sysctlPath(key).replace(/\/[^/]+$/, '')))) fs.remove(dir);
  });
  addDeviceFiles(fs, options.hostname);
  fs.generate('/proc/net/nf_conntrack', {
    read: () => (options.conntrack?.() ?? []).map((l) => l + '\n').join(''),
  });
  return fs;
}

const DEVICE_BLOCK = 4096;

/** /dev/null swallows writes; /dev/zero and /dev/urandom never end (urandom is seeded by the host name, so a lab replays the same bytes). */
export function addDeviceFiles(fs: FileSystem, seedName: string): void {
  fs.generate('/dev/null', { read: () => '', write: () => undefined });
  fs.generate('/dev/zero', { endless: true, read: () => '\0'.repeat(DEVICE_BLOCK), write: () => undefined });
  let seed = 0;
  for (const ch of seedName) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  const random = seededRandom(seed);
  // Text streams carry characters, not bytes: 7-bit values keep byte counts (head -c, wc -c) exact.
  const block = (): string => String.fromCharCode(...Array.from({ length: DEVICE_BLOCK }, () => Math.floor(random() * 128)));
  fs.generate('/dev/urandom', { endless: true, read: block, write: () => undefined });
}

function bindSysctl(fs: FileSystem, ns: NetNamespace, key: string, readOnly: boolean): void {
  fs.generate(sysctlPath(key), {
    readOnly,
    read: () => (ns.sysctl.get(key) ?? '') + '\n',
    write: (content) => {
      if (readOnly) return 'EROFS';
      const value = content.trim();
      if (!/^\d+$/.test(value)) return 'EINVAL';
      ns.sysctl.set(key, value);
      return undefined;
    },
  });
}

// cspell:words allnodes allrouters resolv sysctls usrmerge
