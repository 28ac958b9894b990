// SimBackend: the LabBackend contract over the simulated world. Lab time is
// virtual: scripts and probes run it as fast as possible; in interactive use
// the host layer passes a pacer that moves it in step with real time.
import type { Topology, TopologyInterface, TopologyNetwork, TopologyNode } from '../api/topology.js';
import type {
  CapturedPacket,
  CaptureRequest,
  Disposable,
  LabBackend,
  ProbeResult,
  TerminalSession,
  TerminalSize,
  TrafficCapture,
} from '../lab/backend.js';
import { Emitter } from '../lab/emitter.js';
import { ShellIntegrationParser } from '../lab/shell-integration.js';
import { prepareJq } from '../userspace/jq.js';
import { compileFilter, type FrameFilter } from '../userspace/pcap/filter.js';
import { PacketFormatter } from '../userspace/pcap/print.js';
import { createCommandRegistry } from '../shell/commands/index.js';
import { ShellSession } from '../shell/session.js';
import type { ShellHost } from '../shell/runtime.js';
import { encodeUtf8 } from '../base/utf8.js';
import type { PacketTrace, PacketTraceSource, PacketTraceSummary } from '../api/trace.js';
import type { LabSnapshots } from '../api/practice.js';
import { Clock } from '../sim/clock.js';
import { createTraceSource } from './trace-source.js';
import type { NetDevice } from '../sim/link/device.js';
import { VethDevice } from '../sim/link/veth.js';
import { createDockerHostWorld, LAB, type DockerHostWorld } from '../sim/net/outside-world.js';
import { namespaceOf, type NetNamespace } from '../sim/net/namespace.js';
import { networkOf } from '../sim/wire/addr.js';
import { installDocker } from './docker-source.js';
import { SimLab, type ContainerSource } from './lab.js';
import { findScenario, SCENARIOS, type Scenario, type ScenarioResolver, type ScenarioStep } from './scenarios.js';
import { Journal, parseSnapshot, serializeSnapshot, SnapshotError, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type JournalEntry } from './snapshot.js';
import type { CommandRecord, LabProgress, LabStatus, TerminalName } from '../api/lab.js';

export interface SimBackendOptions {
  /**
   * Real-time pacing for interactive use: the host layer calls `tick` with
   * the real milliseconds that passed. Absent in scripts and tests.
   */
  pace?: (tick: (elapsedMs: number) => void) => Disposable;
  seed?: number;
  /** Adds the Docker daemon model to a fresh world (default: the simulated dockerd). */
  installDocker?: (parts: DockerHostWorld) => ContainerSource;
  /** Finds a scenario by name (default: the built-in ones); a host adds the learner's own labs. */
  scenarios?: ScenarioResolver;
  /** How large the snapshot journal may grow (default: what a snapshot file can hold). */
  journalMaxChars?: number;
}

/** A journal entry before it is stamped with its lab time. */
type JournalEntryBody = JournalEntry extends infer E ? (E extends unknown ? Omit<E, 'at'> : never) : never;

/** How long a wait may spin on work outside lab time (e.g. loading jq's WebAssembly). */
const MAX_IDLE_SPINS = 50_000;

class SimTerminal implements TerminalSession {
  private readonly data = new Emitter<Uint8Array>();
  private readonly exits = new Emitter<number>();
  /** Output produced before anyone listened (the first prompt). */
  private pending: Uint8Array[] | undefined = [];
  readonly session: ShellSession;
  private disposed = false;

  constructor(
    readonly name: TerminalName,
    /** Its number in the lab's journal. */
    readonly index: number,
    private readonly host: ShellHost,
    lab: SimLab,
    size: TerminalSize,
    onText: (text: string) => void,
    private readonly journal: (entry: JournalEntryBody) => void,
    /** Runs input between moves of lab time, so a replay can apply it at the same point. */
    private readonly betweenTicks: (action: () => void) => void,
    private readonly onDispose: () => void,
  ) {
    this.session = new ShellSession({
      world: lab,
      host,
      cols: size.cols,
      rows: size.rows,
      output: (text) => {
        onText(text);
        const bytes = encodeUtf8(text);
        if (this.pending) this.pending.push(bytes);
        else this.data.emit(bytes);
      },
      exit: (code) => {
        this.exits.emit(code);
        this.dispose();
      },
    });
    this.session.start();
  }

  /** Writes queued until the lab's clock is between moves; a typed command counts as running from the moment it is written. */
  private queuedWrites = 0;

  get busy(): boolean {
    return this.queuedWrites > 0 || this.session.busy;
  }

  /** Keys still queued for the session would be echoed first: only an idle queue says how the next key is echoed. */
  get echoesTyping(): boolean {
    return this.queuedWrites === 0 && this.session.echoesTyping;
  }

  write(data: string): void {
    this.queuedWrites++;
    this.betweenTicks(() => {
      this.queuedWrites--;
      if (this.disposed) return;
      this.journal({ input: this.index, data });
      this.session.write(data);
    });
  }

  resize(size: TerminalSize): void {
    this.betweenTicks(() => {
      if (this.disposed) return;
      this.journal({ resize: this.index, cols: size.cols, rows: size.rows });
      this.session.resize(size.cols, size.rows);
    });
  }

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    const sub = this.data.on(listener);
    const pending = this.pending;
    this.pending = undefined;
    for (const chunk of pending ?? []) listener(chunk);
    return sub;
  }

  onExit(listener: (exitCode: number) => void): Disposable {
    return this.exits.on(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.journal({ close: this.index });
    this.session.close();
    this.onDispose();
  }
}

export class SimBackend implements LabBackend, PacketTraceSource, LabSnapshots {
  readonly kind = 'sim' as const;
  private lab: SimLab | undefined;
  private scenario: Scenario | undefined;
  private seed: number | undefined;
  /** What happened since the scenario was built, for snapshots. */
  private journal: Journal;
  /** Terminals a loaded snapshot reopened, handed to the first openTerminal of each name. */
  private restored: SimTerminal[] = [];
  private nextTerminalIndex = 0;
  private statusValue: LabStatus = { backend: 'sim', phase: 'stopped' };
  private readonly statusEvents = new Emitter<LabStatus>();
  private readonly commandEvents = new Emitter<CommandRecord>();
  private readonly traceEvents = new Emitter<PacketTraceSummary>();
  private traces: { source: PacketTraceSource; forward: Disposable } | undefined;
  private readonly terminals = new Set<SimTerminal>();
  /** Whether inputs are journalled: from the end of the scenario's steps until the lab is torn down. */
  private recording = false;
  private seq = 0;
  /** Serializes every move of lab time (pacer, sleeps, probes). */
  private timeQueue: Promise<void> = Promise.resolve();
  private pacer: Disposable | undefined;
  /** A clock kept across resets so `now()` never goes back. */
  private clock = new Clock();
  /** The commands every lab's shells run. */
  private readonly commands = createCommandRegistry();

  constructor(private readonly options: SimBackendOptions = {}) {
    this.journal = new Journal(options.journalMaxChars);
  }

  /** The running lab (for tests, benchmarks and tools built on the simulator). */
  get current(): SimLab {
    if (!this.lab) throw new Error('the lab is not started');
    return this.lab;
  }

  async start(scenario: string, onProgress?: (p: LabProgress) => void): Promise<void> {
    const definition = (this.options.scenarios ?? findScenario)(scenario);
    if (!definition) {
      const names = SCENARIOS.map((s) => s.name).join(', ');
      this.setStatus({ backend: 'sim', phase: 'failed', scenario, message: `Unknown scenario '${scenario}'. Known: ${names}.` });
      throw new Error(`unknown scenario '${scenario}'`);
    }
    await this.build(definition, this.options.seed, onProgress);
    this.setStatus({ backend: 'sim', phase: 'ready', scenario });
    this.startPacer();
  }

  /** The lab as a snapshot file (see ./snapshot.ts). */
  saveSnapshot(): string {
    if (!this.scenario || this.statusValue.phase !== 'ready') throw new Error('the lab is not running: there is nothing to save');
    return serializeSnapshot({
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      scenario: this.scenario,
      seed: this.seed ?? null,
      clock: this.clock.now(),
      journal: this.journal.forSnapshot(),
    });
  }

  checkSnapshot(text: string): string | undefined {
    try {
      parseSnapshot(text);
      return undefined;
    } catch (error) {
      if (error instanceof SnapshotError) return error.message;
      throw error;
    }
  }

  /**
   * Replaces the lab with the one a snapshot file holds: its scenario built
   * again, every recorded input replayed at its lab time. A file that cannot be
   * read is refused (SnapshotError) before the running lab is touched.
   */
  async loadSnapshot(text: string, onProgress?: (p: LabProgress) => void): Promise<void> {
    const snapshot = parseSnapshot(text);
    const name = snapshot.scenario.name;
    await this.build(snapshot.scenario, snapshot.seed ?? undefined, onProgress);
    const terminals = new Map<number, SimTerminal>();
    try {
      for (const [i, entry] of snapshot.journal.entries()) {
        onProgress?.({ step: 'replaying the saved lab', fraction: i / Math.max(1, snapshot.journal.length) });
        await this.advanceTo(entry.at);
        if ('open' in entry) terminals.set(entry.open, this.createTerminal(entry.name, { cols: entry.cols, rows: entry.rows }));
        else if ('input' in entry) terminals.get(entry.input)?.write(entry.data);
        else if ('resize' in entry) terminals.get(entry.resize)?.resize({ cols: entry.cols, rows: entry.rows });
        else if ('close' in entry) terminals.get(entry.close)?.dispose();
        else await this.probe(entry.probe, entry.command, entry.timeoutMs);
        await this.betweenTicks(() => {}); // the input above is applied before the next entry
      }
      await this.advanceTo(snapshot.clock);
    } catch (error) {
      const message = `The snapshot of '${name}' could not be replayed: ${(error as Error).message}`;
      this.setStatus({ backend: 'sim', phase: 'failed', scenario: name, message });
      throw new Error(message, { cause: error });
    }
    this.restored = [...terminals.values()].filter((t) => this.terminals.has(t));
    this.setStatus({ backend: 'sim', phase: 'ready', scenario: name });
    this.startPacer();
  }

  /** Builds a scenario's starting state in a fresh world; the lab is not paced yet. */
  private async build(definition: Scenario, seed: number | undefined, onProgress?: (p: LabProgress) => void): Promise<void> {
    const scenario = definition.name;
    this.teardown();
    this.scenario = definition;
    this.seed = seed;
    this.journal = new Journal(this.options.journalMaxChars);
    this.restored = [];
    this.nextTerminalIndex = 0;
    this.setStatus({ backend: 'sim', phase: 'starting', scenario });
    await prepareJq();
    this.clock = new Clock();
    const parts = createDockerHostWorld({ clock: this.clock, seed });
    const containers = (this.options.installDocker ?? installDocker)(parts);
    this.lab = new SimLab(parts, this.commands, containers);
    const steps = definition.steps;
    for (const [index, step] of steps.entries()) {
      const what = 'run' in step ? step.run : `${step.console}: ${step.type}`;
      onProgress?.({ step: what, fraction: index / Math.max(1, steps.length) });
      const failure = await this.runStep(step);
      if (failure !== undefined) {
        const message = `Scenario '${scenario}' step ${index + 1} failed: ${what}\n${failure}`;
        this.setStatus({ backend: 'sim', phase: 'failed', scenario, message });
        throw new Error(message);
      }
    }
    onProgress?.({ step: 'ready', fraction: 1 });
    // Packet paths for the trace view, from here on (not the scenario's own setup).
    parts.world.paths.enabled = true;
    const source = createTraceSource(parts.world);
    this.traces = { source, forward: source.onTrace((trace) => this.traceEvents.emit(trace)) };
    this.recording = true;
  }

  private startPacer(): void {
    if (this.options.pace) this.pacer = this.options.pace((elapsed) => void this.advance(elapsed));
  }

  private record(entry: JournalEntryBody): void {
    if (this.recording) this.journal.add({ at: this.clock.now(), ...entry } as JournalEntry);
  }

  /** Runs one scenario step; returns what went wrong, if anything. */
  private async runStep(step: ScenarioStep): Promise<string | undefined> {
    if ('run' in step) {
      const result = await this.probe(step.on, step.run, 60_000);
      return result.exitCode === 0 ? undefined : result.output;
    }
    const console = this.current.console(step.console);
    if (!console) return `container '${step.console}' is not running`;
    console.write(step.type + '\r');
    await this.advance(1);
    return undefined;
  }

  status(): LabStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: LabStatus) => void): Disposable {
    return this.statusEvents.on(listener);
  }

  private setStatus(status: LabStatus): void {
    this.statusValue = status;
    this.statusEvents.emit(status);
  }

  async openTerminal(name: TerminalName, size: TerminalSize): Promise<TerminalSession> {
    const restored = this.restored.findIndex((t) => t.name === name);
    if (restored >= 0) {
      const [terminal] = this.restored.splice(restored, 1);
      terminal.resize(size);
      return terminal;
    }
    return this.betweenTicks(() => this.createTerminal(name, size));
  }

  private createTerminal(name: TerminalName, size: TerminalSize): SimTerminal {
    const lab = this.current;
    const host = lab.hostFor(name, true);
    if (!host) throw new Error(`no terminal '${name}' in this lab (known: ${lab.terminalNames().join(', ')})`);
    let startedAt = 0;
    const parser = new ShellIntegrationParser(
      (finished) =>
        this.commandEvents.emit({
          seq: ++this.seq,
          terminal: name,
          command: finished.command,
          output: finished.output,
          exitCode: finished.exitCode,
          startedAt,
          endedAt: this.clock.now(),
        }),
      () => (startedAt = this.clock.now()),
    );
    const index = this.nextTerminalIndex++;
    this.record({ open: index, name, cols: size.cols, rows: size.rows });
    const journal = (entry: JournalEntryBody) => this.record(entry);
    const betweenTicks = (action: () => void) => void this.betweenTicks(action);
    const terminal: SimTerminal = new SimTerminal(name, index, host, lab, size, (text) => parser.feed(text), journal, betweenTicks, () => {
      this.terminals.delete(terminal);
      this.restored = this.restored.filter((t) => t !== terminal);
      lab.releaseShell(host);
    });
    this.terminals.add(terminal);
    return terminal;
  }

  onCommand(listener: (record: CommandRecord) => void): Disposable {
    return this.commandEvents.on(listener);
  }

  async probe(hostName: TerminalName, command: string, timeoutMs: number): Promise<ProbeResult> {
    const lab = this.current;
    const host = lab.hostFor(hostName, true);
    if (!host) return { output: `no host '${hostName}' in this lab\n`, exitCode: 127 };
    this.record({ probe: hostName, command, timeoutMs });
    let result: ProbeResult | undefined;
    const parser = new ShellIntegrationParser((f) => (result ??= { output: f.output, exitCode: f.exitCode }));
    const session = new ShellSession({
      world: lab,
      host,
      cols: 200,
      rows: 50,
      output: (text) => parser.feed(text),
      exit: () => {},
    });
    session.start();
    session.write(command + '\r');
    const finished = await this.runUntil(() => result !== undefined, timeoutMs);
    if (!finished) session.write('\x03');
    await this.runUntil(() => result !== undefined, 1000);
    session.close();
    lab.releaseShell(host);
    return result ?? { output: '', exitCode: 124 };
  }

  async bindings(): Promise<Record<string, string>> {
    const lab = this.current;
    const { hostNs, ens160, host01, host02 } = lab.parts;
    const b: Record<string, string> = {
      'host.ip': hostNs.primaryAddress(ens160) ?? '',
      'host.iface': ens160.name,
      'host.mac': ens160.mac,
      'host.hostname': lab.parts.host.hostname,
      'host01.ip': host01.rootNs.primaryAddress(host01.rootNs.device('eth0')!) ?? '',
      'host02.ip': host02.rootNs.primaryAddress(host02.rootNs.device('eth0')!) ?? '',
      'gateway.ip': LAB.gatewayIp,
    };
    const docker0 = hostNs.device('docker0');
    if (docker0) {
      b['docker0.ip'] = hostNs.primaryAddress(docker0) ?? '';
      b['docker0.mac'] = docker0.mac;
      const bridgeAddress = docker0.addresses.find((a) => a.scope !== 'host');
      if (bridgeAddress) b['docker0.subnet'] = `${networkOf(bridgeAddress.address, bridgeAddress.prefixLen)}/${bridgeAddress.prefixLen}`;
    }
    for (const c of lab.containers.containers()) {
      const p = c.name;
      b[`${p}.id`] = c.id.slice(0, 12);
      b[`${p}.fullId`] = c.id;
      b[`${p}.pid`] = String(c.pid);
      b[`${p}.hostname`] = c.hostname;
      b[`${p}.netns`] = String(c.netns.inode);
      if (c.ip) b[`${p}.ip`] = c.ip;
      if (c.mac) b[`${p}.mac`] = c.mac;
      if (c.hostVeth) b[`${p}.veth`] = c.hostVeth;
      const port = c.ports[0];
      if (port) {
        b[`${p}.port`] = String(port.hostPort);
        b[`${p}.hostIp`] = port.hostIp;
        b[`${p}.containerPort`] = String(port.containerPort);
      }
    }
    return b;
  }

  async capture(request: CaptureRequest): Promise<TrafficCapture> {
    const lab = this.current;
    const ns = this.namespaceOf(request.host);
    if (!ns) throw new Error(`no host '${request.host}' in this lab`);
    let accept: FrameFilter = () => true;
    if (request.filter && request.filter.trim() !== '') accept = compileFilter(request.filter);
    // One formatter per capture: TCP sequence numbers are relative to what it saw first.
    const formatter = new PacketFormatter({ link: false, verbose: 0, cooked: request.iface === 'any' });
    const packets: CapturedPacket[] = [];
    // Promiscuous, as the real backend's plain `tcpdump -n -l` is: docker0 then shows bridged frames too.
    const tap = lab.world.taps.watch(
      ns,
      request.iface,
      (event) => {
        if (!accept(event.frame)) return;
        const line = formatter.format(event.frame, event.direction);
        packets.push({ time: event.time, iface: event.device.name, host: request.host, line });
      },
      undefined,
      { promiscuous: true },
    );
    return { packets: () => [...packets], dispose: () => tap.dispose() };
  }

  private namespaceOf(name: string): NetNamespace | undefined {
    const lab = this.current;
    return lab.world.machine(name)?.rootNs ?? lab.container(name)?.netns;
  }

  async topology(): Promise<Topology> {
    const lab = this.current;
    const nodes: TopologyNode[] = [];
    const nodeOfNs = new Map<NetNamespace, string>();
    for (const m of lab.world.machines.values()) nodeOfNs.set(m.rootNs, m.name);
    const containers = lab.containers.containers();
    for (const c of containers) nodeOfNs.set(c.netns, c.name);
    const iface = (dev: NetDevice): TopologyInterface => {
      const out: TopologyInterface = {
        name: dev.name,
        ifindex: dev.ifindex,
        kind: dev.kind === 'ether' ? 'ethernet' : dev.kind,
        mac: dev.mac,
        addresses: dev.addresses.map((a) => `${a.address}/${a.prefixLen}`),
        up: dev.adminUp,
      };
      if (dev instanceof VethDevice) out.peer = { node: nodeOfNs.get(namespaceOf(dev.peer)) ?? dev.peer.ns.name, iface: dev.peer.name };
      if (dev.master) out.master = dev.master.name;
      return out;
    };
    for (const m of lab.world.machines.values()) {
      const kind = m === lab.parts.host ? 'docker-host' : m.name === 'gateway' ? 'router' : 'external-host';
      nodes.push({ id: m.name, label: m.hostname, kind, netns: m.rootNs.inode, interfaces: m.rootNs.devices().map(iface) });
    }
    for (const c of containers) {
      if (!c.running) continue;
      nodes.push({ id: c.name, label: c.name, kind: 'container', netns: c.netns.inode, interfaces: c.netns.devices().map(iface) });
    }
    const networks: TopologyNetwork[] = [{ id: 'lab', label: 'lab network (ens160)', subnet: LAB.subnet }];
    const bridgeAddress = lab.parts.hostNs.device('docker0')?.addresses[0];
    if (bridgeAddress) {
      const subnet = `${networkOf(bridgeAddress.address, bridgeAddress.prefixLen)}/${bridgeAddress.prefixLen}`;
      networks.push({ id: 'bridge', label: 'bridge (docker0)', subnet });
    }
    return { nodes, networks, publishedPorts: containers.flatMap((c) => c.ports) };
  }

  sleep(ms: number): Promise<void> {
    return this.advance(ms);
  }

  now(): number {
    return this.clock.now();
  }

  async reset(): Promise<void> {
    const scenario = this.scenario;
    if (scenario === undefined) return;
    await this.build(scenario, this.seed);
    this.setStatus({ backend: 'sim', phase: 'ready', scenario: scenario.name });
    this.startPacer();
  }

  async dispose(): Promise<void> {
    this.teardown();
    this.lab = undefined;
    this.setStatus({ backend: 'sim', phase: 'stopped' });
  }

  recentTraces(limit: number): PacketTraceSummary[] {
    return this.traces?.source.recentTraces(limit) ?? [];
  }

  traceById(id: string): PacketTrace | undefined {
    return this.traces?.source.traceById(id);
  }

  onTrace(listener: (trace: PacketTraceSummary) => void): Disposable {
    return this.traceEvents.on(listener);
  }

  private teardown(): void {
    this.recording = false;
    this.traces?.forward.dispose();
    this.traces = undefined;
    this.pacer?.dispose();
    this.pacer = undefined;
    for (const t of [...this.terminals]) t.dispose();
    this.lab?.closeConsoles();
  }

  /** Runs `action` once the moves of lab time already queued are done, never in the middle of one. */
  private betweenTicks<T>(action: () => T): Promise<T> {
    const done = this.timeQueue.then(action);
    this.timeQueue = done.then(
      () => {},
      () => {},
    );
    return done;
  }

  /** Moves lab time to `time` exactly (a snapshot's journal stamps), if it is still ahead. */
  private async advanceTo(time: number): Promise<void> {
    // Two steps: the second is between close numbers, where the float subtraction is exact.
    for (let i = 0; i < 2 && this.clock.now() < time; i++) await this.advance(time - this.clock.now());
  }

  /** Moves lab time forward by `ms`, after any move already under way. */
  private advance(ms: number): Promise<void> {
    const clock = this.clock;
    this.timeQueue = this.timeQueue.then(() => clock.advance(ms)).catch(() => {});
    return this.timeQueue;
  }

  /**
   * Runs lab time until `done()` holds or `limitMs` of lab time passed; jumps
   * straight to each next timer. Returns whether `done()` held.
   */
  private async runUntil(done: () => boolean, limitMs: number): Promise<boolean> {
    const clock = this.clock;
    const end = clock.now() + limitMs;
    let idleSpins = 0;
    await this.advance(0);
    while (!done()) {
      const due = clock.nextDue();
      if (due !== undefined && due <= end) {
        idleSpins = 0;
        await this.advance(due - clock.now());
        continue;
      }
      // Nothing due in lab time before the limit; the command may wait on real
      // work (loading jq's WebAssembly), so give that a bounded number of turns.
      if (++idleSpins > MAX_IDLE_SPINS) {
        if (clock.now() < end) await this.advance(end - clock.now());
        return done();
      }
      await this.advance(0);
    }
    return true;
  }
}
