// A scripted lab for lesson CI tests: FakeBackend plus terminals that speak
// shell integration (OSC 633) and answer a handful of the example chapter's
// commands the way the article's lab does, with lab time, long-running
// captures stopped by Ctrl+C, and packets that reach captures.
import type { Disposable, TerminalSession } from '../../../src-main/core/lab/backend.js';
import { mark } from '../../../src-main/core/lab/shell-integration.js';
import { FakeBackend, LAB_BINDINGS } from './fake-backend.js';
import type { TerminalName } from '../../../src-main/core/api/lab.js';

const { 'c1.ip': C1, 'host.ip': HOST, 'web.ip': WEB, 'host.iface': UPLINK } = LAB_BINDINGS;

interface Running {
  command: string;
  startedAt: number;
  /** Output so far; a capture appends packets. */
  output: string;
  iface?: string;
  finish?: { at: number; exitCode: number };
}

export class ScriptedLab extends FakeBackend {
  private timers: Array<{ at: number; run: () => void }> = [];
  private terminals: ScriptedTerminal[] = [];
  webRunning = true;

  constructor() {
    super();
    this.probeAnswer = async (_host, command) =>
      /State\.Running.* web$/.test(command) ? { output: `${this.webRunning}\n`, exitCode: 0 } : { output: '', exitCode: 127 };
  }

  override async openTerminal(name: TerminalName): Promise<TerminalSession> {
    const terminal = new ScriptedTerminal(name, this);
    this.terminals.push(terminal);
    return terminal;
  }

  override async sleep(ms: number): Promise<void> {
    const until = this.now() + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      await super.sleep(next.at - this.now());
      next.run();
    }
    await super.sleep(until - this.now());
  }

  override async reset(): Promise<void> {
    this.timers = [];
    for (const t of this.terminals) t.dispose();
    this.terminals = [];
    this.webRunning = true;
  }

  at(delayMs: number, run: () => void): void {
    this.timers.push({ at: this.now() + delayMs, run });
  }

  /** A packet on a host interface: engine captures and running tcpdump commands see it. */
  wire(iface: string, line: string): void {
    this.packet('host', iface, line);
    for (const t of this.terminals) t.sawPacket(iface, line);
  }

  record(terminal: TerminalName, command: string, output: string, exitCode: number, startedAt: number): void {
    this.ran(terminal, command, output, { start: startedAt, end: this.now(), exitCode });
  }
}

class ScriptedTerminal implements TerminalSession {
  private listeners: Array<(chunk: Uint8Array) => void> = [];
  private line = '';
  private running: Running | undefined;
  private readonly encoder = new TextEncoder();
  private early: string[] = [];

  constructor(
    readonly name: TerminalName,
    private readonly lab: ScriptedLab,
  ) {
    this.prompt();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  write(data: string): void {
    for (const ch of data) {
      if (ch === '\x03') this.interrupt();
      else if (ch === '\r') {
        const command = this.line;
        this.line = '';
        if (!this.running) this.run(command);
      } else this.line += ch;
    }
  }

  resize(): void {}

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    this.listeners.push(listener);
    for (const text of this.early.splice(0)) listener(this.encoder.encode(text));
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  onExit(): Disposable {
    return { dispose() {} };
  }

  dispose(): void {
    this.listeners = [];
  }

  sawPacket(iface: string, line: string): void {
    if (this.running?.iface === iface) this.print(`12:00:00.000000 ${line}\n`);
  }

  private emit(text: string): void {
    if (this.listeners.length === 0) this.early.push(text);
    for (const l of this.listeners) l(this.encoder.encode(text));
  }

  private print(text: string): void {
    this.running!.output += text;
    this.emit(text);
  }

  private prompt(): void {
    this.emit(`${mark.promptStart}root@${this.name}:/# ${mark.promptEnd}`);
  }

  private run(command: string): void {
    this.emit(`${command}\r\n${mark.commandLine(command)}${mark.outputStart}`);
    this.running = { command, startedAt: this.lab.now(), output: '' };
    const answer = this.answer(command.trim());
    if (answer) this.print(answer.output);
  }

  private end(exitCode: number): void {
    const done = this.running!;
    this.running = undefined;
    this.emit(mark.commandEnd(exitCode));
    this.lab.record(this.name, done.command, done.output, exitCode, done.startedAt);
    this.prompt();
  }

  private interrupt(): void {
    if (!this.running) return;
    if (this.running.iface) {
      const packets = this.running.output.split('\n').filter((l) => / IP /.test(l)).length;
      this.print(`^C\n${packets} packets captured\n`);
    } else this.print('^C\n');
    this.end(130);
  }

  /** Prints at once and ends, or leaves the command running (capture, ping). */
  private answer(command: string): { output: string } | undefined {
    const finish = (output: string, exitCode = 0, afterMs = 5) => {
      this.lab.at(afterMs, () => {
        if (this.running?.command.trim() !== command) return;
        this.print(output);
        this.end(exitCode);
      });
      return undefined;
    };
    let m: RegExpExecArray | null;
    if (command === 'ip route') {
      return finish(
        this.name === 'c1'
          ? `default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src ${C1} \n`
          : `default via 172.16.211.2 dev ${UPLINK} proto dhcp src ${HOST} metric 100 \n172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n`,
      );
    }
    if (this.name === 'host' && (m = /^tcpdump -n -i (\S+) icmp$/.exec(command))) {
      this.running!.iface = m[1];
      return { output: `listening on ${m[1]}, link-type EN10MB (Ethernet), capture size 262144 bytes\n` };
    }
    if (this.name === 'c1' && (m = /^ping -c (\d+) (\S+)$/.exec(command))) {
      const count = Number(m[1]);
      const target = m[2];
      for (let seq = 1; seq <= count; seq++) {
        this.lab.at((seq - 1) * 1000, () => {
          if (target !== HOST) return;
          this.lab.wire('docker0', `IP ${C1} > ${HOST}: ICMP echo request, id 7, seq ${seq}, length 64`);
          this.lab.wire('docker0', `IP ${HOST} > ${C1}: ICMP echo reply, id 7, seq ${seq}, length 64`);
        });
      }
      const received = target === HOST ? count : 0;
      return finish(
        `\n--- ${target} ping statistics ---\n${count} packets transmitted, ${received} received, ${received ? 0 : 100}% packet loss, time ${(count - 1) * 1000}ms\n`,
        received ? 0 : 1,
        (count - 1) * 1000 + 1,
      );
    }
    if (this.name === 'host' && command === 'iptables -t nat -L DOCKER -n') {
      return finish(
        `Chain DOCKER (2 references)\ntarget     prot opt source               destination         \nRETURN     all  --  0.0.0.0/0            0.0.0.0/0           \nDNAT       tcp  --  0.0.0.0/0            ${HOST}       tcp dpt:81 to:${WEB}:80\n`,
      );
    }
    if (this.name === 'host' && command === 'iptables -L DOCKER -n') {
      return finish(`Chain DOCKER (1 references)\ntarget     prot opt source               destination         \nACCEPT     tcp  --  0.0.0.0/0            ${WEB}           tcp dpt:80\n`);
    }
    return finish(`bash: ${command.split(' ')[0]}: command not found\n`, 127);
  }
}
