// A small in-memory LabBackend for the engine's tests: commands, probes and
// packets are whatever the test says happened.
import type {
  CaptureRequest,
  CapturedPacket,
  Disposable,
  LabBackend,
  ProbeResult,
  TerminalSession,
  TrafficCapture,
} from '../../../src-main/core/lab/backend.js';
import type { Topology } from '../../../src-main/core/api/topology.js';
import type { CommandRecord, LabStatus, TerminalName } from '../../../src-main/core/api/lab.js';

export const LAB_BINDINGS: Record<string, string> = {
  'c1.ip': '172.17.0.2',
  'web.ip': '172.17.0.5',
  'host.ip': '172.16.211.128',
  'host.iface': 'ens160',
  'docker0.ip': '172.17.0.1',
};

export class FakeBackend implements LabBackend {
  readonly kind = 'sim' as const;
  private commandListeners: Array<(r: CommandRecord) => void> = [];
  private seq = 0;
  private time = 0;
  readonly captures: Array<CaptureRequest & { packets: CapturedPacket[]; disposed: boolean }> = [];
  probes: Array<{ host: TerminalName; command: string }> = [];
  probeAnswer: (host: TerminalName, command: string) => Promise<ProbeResult> = async () => ({ output: '', exitCode: 0 });
  captureFails: string | undefined;

  /** A command ran in a terminal from `start` to `end` (lab ms). */
  ran(terminal: TerminalName, command: string, output = '', options: { start?: number; end?: number; exitCode?: number } = {}): CommandRecord {
    const startedAt = options.start ?? this.time;
    const endedAt = options.end ?? startedAt + 10;
    this.time = Math.max(this.time, endedAt);
    const record = { seq: this.seq++, terminal, command, output, exitCode: options.exitCode ?? 0, startedAt, endedAt };
    for (const listener of this.commandListeners) listener(record);
    return record;
  }

  /** A packet crosses every open capture on that interface. */
  packet(host: TerminalName, iface: string, line: string): void {
    for (const c of this.captures) if (!c.disposed && c.host === host && c.iface === iface) c.packets.push({ time: this.time, host, iface, line });
  }

  async start(): Promise<void> {}
  status(): LabStatus {
    return { backend: 'sim', phase: 'ready' };
  }
  onStatus(): Disposable {
    return { dispose() {} };
  }
  openTerminal(name: TerminalName): Promise<TerminalSession> {
    throw new Error(`the fake backend has no terminals (asked for ${name})`);
  }
  onCommand(listener: (record: CommandRecord) => void): Disposable {
    this.commandListeners.push(listener);
    return { dispose: () => (this.commandListeners = this.commandListeners.filter((l) => l !== listener)) };
  }
  probe(host: TerminalName, command: string): Promise<ProbeResult> {
    this.probes.push({ host, command });
    return this.probeAnswer(host, command);
  }
  async bindings(): Promise<Record<string, string>> {
    return { ...LAB_BINDINGS };
  }
  async capture(request: CaptureRequest): Promise<TrafficCapture> {
    if (this.captureFails) throw new Error(this.captureFails);
    const entry = { ...request, packets: [] as CapturedPacket[], disposed: false };
    this.captures.push(entry);
    return { packets: () => [...entry.packets], dispose: () => (entry.disposed = true) };
  }
  async topology(): Promise<Topology> {
    return { nodes: [], networks: [], publishedPorts: [] };
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  now(): number {
    return this.time;
  }
  async reset(): Promise<void> {}
  async dispose(): Promise<void> {}
}
