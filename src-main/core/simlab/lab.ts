// A running simulated lab as the shell sees it: the world, the Docker host,
// the outside machines and the containers, each reachable by terminal name.
import type { PublishedPort } from '../api/topology.js';
import { ContainerConsole } from '../shell/console.js';
import type { FileSystem } from '../shell/fs.js';
import { createHostFiles } from '../shell/host-files.js';
import type { CommandRegistry } from '../shell/registry.js';
import type { ShellHost, ShellWorld } from '../shell/runtime.js';
import type { DockerHostWorld } from '../sim/net/outside-world.js';
import type { NetNamespace } from '../sim/net/namespace.js';
import type { Machine, World } from '../sim/world.js';
import type { DockerDaemon } from '../userspace/dockerd/daemon.js';

/** What the lab needs to know about a container (the daemon model provides it). */
export interface LabContainer {
  name: string;
  /** Full 64-hex id. */
  id: string;
  hostname: string;
  running: boolean;
  netns: NetNamespace;
  /** PID of its main process on the Docker host. */
  pid: number;
  /** Commands its image has. */
  commands: ReadonlySet<string>;
  /** Whether its processes hold CAP_NET_ADMIN (change links, addresses, routes, neighbours). */
  netAdmin: boolean;
  /** /etc/hosts as Docker writes it. */
  hostsFile?: string;
  /** /etc/resolv.conf as Docker writes it (undefined: the host's). */
  resolvConf?: string;
  ip?: string;
  mac?: string;
  /** Host-side veth name, e.g. veth3fe1e90. */
  hostVeth?: string;
  ports: PublishedPort[];
}

/** The daemon model as the lab sees it. */
export interface ContainerSource {
  /** The daemon commands on the Docker host reach through `ctx.host.docker`; absent in a lab without Docker. */
  daemon?: DockerDaemon;
  containers(): LabContainer[];
  /** /proc/net/nf_conntrack lines of a namespace. */
  conntrackLines?(ns: NetNamespace): string[];
  /** Output of a container's console, for `docker logs`. */
  log?(container: string, text: string): void;
  /** A container's main process (its console's shell) exited. */
  mainExited?(container: string, code: number): void;
}

export class SimLab implements ShellWorld {
  private readonly files = new Map<string, FileSystem>();
  /** Consoles by container id and main PID (a restarted container gets a new one). */
  private readonly consoles = new Map<string, ContainerConsole>();
  /** What the outside machines have installed: every command but the Docker CLI. */
  private readonly outsideMachineCommands: ReadonlySet<string>;

  constructor(
    readonly parts: DockerHostWorld,
    readonly commands: CommandRegistry,
    readonly containers: ContainerSource = { containers: () => [] },
  ) {
    this.outsideMachineCommands = new Set(commands.all().map((c) => c.name).filter((name) => name !== 'docker'));
  }

  get world(): World {
    return this.parts.world;
  }

  get clock() {
    return this.parts.world.clock;
  }

  container(nameOrId: string): LabContainer | undefined {
    const all = this.containers.containers();
    return (
      all.find((c) => c.name === nameOrId) ??
      (nameOrId.length >= 3 ? all.find((c) => c.id.startsWith(nameOrId)) : undefined)
    );
  }

  /** Machines with terminals: the Docker host and the outside hosts (not the gateway). */
  machines(): Machine[] {
    return [...this.world.machines.values()].filter((m) => m.name !== 'gateway');
  }

  /** Terminal names that exist right now. */
  terminalNames(): string[] {
    return [...this.machines().map((m) => m.name), ...this.containers.containers().filter((c) => c.running).map((c) => c.name)];
  }

  host(id: string): ShellHost | undefined {
    return this.hostFor(id);
  }

  /**
   * The shell's view of a host. With `spawnShell` a `bash` process is started
   * for the session (it shows in `ps` and is the parent of its commands).
   */
  hostFor(id: string, spawnShell = false): ShellHost | undefined {
    const machine = this.world.machine(id);
    if (machine && id !== 'gateway') {
      const ns = machine.rootNs;
      const pid = spawnShell ? machine.spawn('bash', { ppid: 1, args: ['-bash'] }).pid : 1;
      const installed = machine === this.parts.host ? new Set<string>() : this.outsideMachineCommands;
      return this.shellHost(id, machine.hostname, ns, pid, installed, machine === this.parts.host ? this.containers.daemon : undefined, '/root');
    }
    const container = this.container(id);
    if (!container || !container.running) return undefined;
    const pid = spawnShell
      ? this.parts.host.spawn('bash', { netns: container.netns, ppid: container.pid, args: ['bash'] }).pid
      : container.pid;
    return this.shellHost(container.name, container.hostname, container.netns, pid, container.commands, undefined, '/', container.hostsFile, container);
  }

  /** The console of a running container, started on first use. */
  console(nameOrId: string): ContainerConsole | undefined {
    const container = this.container(nameOrId);
    if (!container?.running) return undefined;
    const key = `${container.id}:${container.pid}`;
    let console = this.consoles.get(key);
    if (console?.running) return console;
    const host = this.hostFor(container.name);
    if (!host) return undefined;
    console = new ContainerConsole({
      world: this,
      host,
      log: (text) => this.containers.log?.(container.name, text),
      exit: (code) => this.containers.mainExited?.(container.name, code),
    });
    this.consoles.set(key, console);
    return console;
  }

  /** Stops every console's commands (the lab is being torn down). */
  closeConsoles(): void {
    for (const console of this.consoles.values()) console.close();
    this.consoles.clear();
  }

  /** Ends a session's shell process. */
  releaseShell(host: ShellHost): void {
    if (host.context.pid !== 1) host.context.netns.machine.kill(host.context.pid);
  }

  inNetns(host: ShellHost, ns: NetNamespace): ShellHost {
    const context = { ...host.context, netns: ns };
    const fs = createHostFiles({ hostname: host.context.hostname, netns: ns, conntrack: () => this.containers.conntrackLines?.(ns) ?? [] });
    return { ...host, context, fs };
  }

  private shellHost(
    id: string,
    hostname: string,
    ns: NetNamespace,
    pid: number,
    installed: ReadonlySet<string>,
    docker: DockerDaemon | undefined,
    startDir: string,
    hostsFile?: string,
    container?: LabContainer,
  ): ShellHost {
    const resolvConf = container?.resolvConf;
    let fs = this.files.get(id);
    if (!fs) {
      const conntrack = (): string[] => this.containers.conntrackLines?.(ns) ?? [];
      fs = createHostFiles({ hostname, netns: ns, hosts: hostsFile, resolvConf, conntrack, container: container !== undefined, dockerHost: docker !== undefined && !container });
      this.files.set(id, fs);
    }
    return {
      // A machine's root shell holds every capability; a container's only what Docker gave it.
      context: { id, hostname, installed, world: this.world, netns: ns, pid, docker, netAdmin: container?.netAdmin ?? true },
      fs,
      home: '/root',
      startDir,
      completionWords: () => [
        ...ns.devices().map((d) => d.name),
        ...(docker ? this.containers.containers().map((c) => c.name) : []),
      ],
      spawnPid: (command) => ns.machine.spawn(command.split(' ')[0], { netns: ns, ppid: pid, args: command.split(' ') }).pid,
    };
  }
}
