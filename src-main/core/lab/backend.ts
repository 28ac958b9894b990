// The contract both lab backends (simulated and real Docker) implement.
// Plain TypeScript: used by the lesson engine, the lab script runner, the
// Electron utility process and the browser-mode host alike.
import type { BackendKind, CommandRecord, LabProgress, LabStatus, LeftoverLab, TerminalName } from '../api/lab.js';
import type { Topology } from '../api/topology.js';

export interface Disposable {
  dispose(): void;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

/**
 * One interactive terminal into a lab host. Output is raw bytes (UTF-8, with
 * ANSI sequences) and carries VS Code shell-integration marks (OSC 633 A/B/C/D/E,
 * see ./shell-integration.ts) so that commands and their output can be told
 * apart the same way on both backends.
 */
export interface TerminalSession {
  readonly name: TerminalName;
  /** Keystrokes typed by the learner (or a script), as a string. */
  write(data: string): void;
  resize(size: TerminalSize): void;
  onData(listener: (chunk: Uint8Array) => void): Disposable;
  onExit(listener: (exitCode: number) => void): Disposable;
  /** True while a command runs in the foreground (the prompt is not shown). */
  readonly busy: boolean;
  /** True when a printable key typed now would be echoed as itself at the cursor; absent where that cannot be known (a real pty). */
  readonly echoesTyping?: boolean;
  dispose(): void;
}

export interface ProbeResult {
  output: string;
  exitCode: number;
}

/** One packet seen on an interface, as `tcpdump -n -l` prints it (without the timestamp). */
export interface CapturedPacket {
  /** Lab time in milliseconds. */
  time: number;
  iface: string;
  /** Host (terminal name) whose namespace holds the interface. */
  host: TerminalName;
  line: string;
}

export interface TrafficCapture extends Disposable {
  packets(): CapturedPacket[];
}

export interface CaptureRequest {
  host: TerminalName;
  iface: string;
  /** A pcap filter expression, as tcpdump takes it. Empty for all packets. */
  filter?: string;
}

export interface LabBackend {
  readonly kind: BackendKind;
  /** Builds the named scenario's starting state (see core/simlab/scenarios.ts). */
  start(scenario: string, onProgress?: (p: LabProgress) => void): Promise<void>;
  status(): LabStatus;
  onStatus(listener: (status: LabStatus) => void): Disposable;
  openTerminal(name: TerminalName, size: TerminalSize): Promise<TerminalSession>;
  /** Every command run in any terminal opened through this backend, once it ended. */
  onCommand(listener: (record: CommandRecord) => void): Disposable;
  /** Runs a command in a hidden session on `host`, as a verify script would. */
  probe(host: TerminalName, command: string, timeoutMs: number): Promise<ProbeResult>;
  /** Values lessons bind by name: `c1.ip`, `c1.pid`, `web.ip`, `host.ip`, `host.iface`, `host01.ip`, `docker0.ip`, ... */
  bindings(): Promise<Record<string, string>>;
  capture(request: CaptureRequest): Promise<TrafficCapture>;
  topology(): Promise<Topology>;
  /** Lets lab time pass: virtual time in the simulator, a real wait on Docker. */
  sleep(ms: number): Promise<void>;
  /** Current lab time in milliseconds. */
  now(): number;
  /** Back to the scenario's starting state. */
  reset(): Promise<void>;
  /** Lab hosts earlier runs left behind, where a backend can have them (real Docker). */
  leftoverLabs?(): Promise<LeftoverLab[]>;
  removeLeftoverLabs?(ids: string[]): Promise<unknown>;
  dispose(): Promise<void>;
}
