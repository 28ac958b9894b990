// The one entry point: the output of a command, with the command that printed
// it, becomes facts. It dispatches on the tool (and readers dispatch on the
// subcommand), looks through wrappers that run another tool (`docker exec c1
// ping ...`, `nsenter -t PID -n ip link`, `ip netns exec host01 curl ...`,
// `sudo`), and never throws: text a reader does not recognise proves nothing.
import type { Fact, Producer } from './model.js';
import { baseName } from './readers/common.js';
import { readIptables, readIptablesSave } from './readers/iptables.js';
import { readBridge } from './readers/bridge.js';
import { readConntrack } from './readers/conntrack.js';
import { readDocker } from './readers/docker.js';
import { readIp } from './readers/ip.js';
import { readPing } from './readers/ping.js';
import { readSs } from './readers/ss.js';
import { readSysctl } from './readers/sysctl.js';
import { readTcpdump } from './readers/tcpdump.js';

/** A reader gets the arguments after the tool's name and the text the tool printed. */
export type Reader = (argv: readonly string[], output: string) => Fact[];

const READERS: Readonly<Record<string, Reader>> = {
  iptables: readIptables,
  'iptables-legacy': readIptables,
  'iptables-nft': readIptables,
  'iptables-save': readIptablesSave,
  'iptables-legacy-save': readIptablesSave,
  'iptables-nft-save': readIptablesSave,
  tcpdump: readTcpdump,
  ping: readPing,
  ip: readIp,
  bridge: readBridge,
  docker: readDocker,
  ss: readSs,
  conntrack: readConntrack,
  sysctl: readSysctl,
};

/** The tools readFacts knows, for callers that list them. */
export const READ_TOOLS: readonly string[] = Object.keys(READERS);

export function readFacts(producer: Pick<Producer, 'tool' | 'argv'>, output: string): Fact[] {
  const inner = unwrap(baseName(producer.tool), withoutToolName(producer.tool, producer.argv));
  if (!inner) return [];
  const reader = READERS[inner.tool];
  if (!reader) return [];
  try {
    return reader(inner.argv, output.replace(/\r\n?/g, '\n'));
  } catch {
    // A reader bug on text nobody foresaw must not take a check down with it.
    return [];
  }
}

/** argv as given may start with the tool itself (`['ip', 'route']`); readers get what follows. */
function withoutToolName(tool: string, argv: readonly string[]): readonly string[] {
  return argv.length > 0 && baseName(argv[0]!) === baseName(tool) ? argv.slice(1) : argv;
}

/** docker exec/nsenter/ip netns exec/sudo run another tool whose output this is. */
function unwrap(tool: string, argv: readonly string[], depth = 0): { tool: string; argv: readonly string[] } | undefined {
  if (depth > 4) return undefined;
  const inner = innerCommand(tool, argv);
  if (inner === undefined) return { tool, argv };
  if (inner.length === 0) return undefined;
  return unwrap(baseName(inner[0]!), inner.slice(1), depth + 1);
}

/** The wrapped command line, undefined when `tool` is not a wrapper. */
function innerCommand(tool: string, argv: readonly string[]): readonly string[] | undefined {
  switch (tool) {
    case 'sudo':
      return skipOptions(argv, ['-u', '-g', '-h', '-p']);
    case 'env': {
      const rest = skipOptions(argv, ['-u', '--unset', '-C', '--chdir']);
      const firstCommand = rest.findIndex((a) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
      return firstCommand < 0 ? [] : rest.slice(firstCommand);
    }
    case 'timeout':
      return skipOptions(argv, ['-s', '--signal', '-k', '--kill-after']).slice(1);
    case 'nsenter':
      return skipOptions(argv, ['-t', '--target', '-S', '-G', '--setuid', '--setgid', '-w', '-r']);
    case 'docker': {
      const verb = argv[0] === 'container' ? argv[1] : argv[0];
      const rest = argv.slice(argv[0] === 'container' ? 2 : 1);
      // After the container (exec) or the image (run) comes the command whose output this is.
      if (verb === 'exec') return skipOptions(rest, DOCKER_EXEC_OPTIONS).slice(1);
      if (verb === 'run' && !rest.some((a) => a === '-d' || a === '--detach' || /^-[a-z]*d[a-z]*$/.test(a))) return skipOptions(rest, DOCKER_RUN_OPTIONS).slice(1);
      return undefined;
    }
    case 'ip':
      return /^n(e(t(n(s)?)?)?)?$/.test(argv[0] ?? '') && argv[1] === 'exec' ? argv.slice(3) : undefined;
    default:
      return undefined;
  }
}

const DOCKER_EXEC_OPTIONS = ['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys'];
const DOCKER_RUN_OPTIONS = [
  ...DOCKER_EXEC_OPTIONS, '--name', '-p', '--publish', '--network', '--net', '-v', '--volume', '--entrypoint', '--cap-add', '--cap-drop', '-h', '--hostname',
  '--ip', '--mac-address', '--dns', '--add-host', '-l', '--label', '--restart', '--mount', '--device', '--log-driver', '--log-opt', '-m', '--memory',
  '--cpus', '--platform', '--pull', '--expose', '--link', '--sysctl', '--tmpfs', '--ulimit', '--security-opt', '--stop-signal', '--shm-size', '--network-alias',
];

/** The arguments after the leading options (`-x`, `--x=v`, and `-x VALUE` for those named). */
function skipOptions(argv: readonly string[], withValue: readonly string[]): readonly string[] {
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') return argv.slice(i + 1);
    if (!a.startsWith('-') || a === '-') break;
    i += withValue.includes(a) ? 2 : 1;
  }
  return argv.slice(i);
}
