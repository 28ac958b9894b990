// A lab-less shell for unit tests: hosts with files only, and the sim clock.
import { Clock } from '../../../src-main/core/sim/clock.js';
import { FileSystem } from '../../../src-main/core/shell/fs.js';
import type { ShellHost, ShellWorld } from '../../../src-main/core/shell/runtime.js';
import { ShellSession } from '../../../src-main/core/shell/session.js';
import { ShellIntegrationParser, plainText, type FinishedCommand } from '../../../src-main/core/lab/shell-integration.js';

export function plainHost(id: string, hostname = id): ShellHost {
  const fs = new FileSystem();
  fs.mkdir('/root');
  fs.mkdir('/tmp');
  fs.mkdir('/etc');
  fs.writeFile('/etc/hostname', hostname + '\n');
  return {
    context: { id, hostname, installed: new Set(), world: undefined, netns: undefined, pid: 100 },
    fs,
    home: '/root',
    startDir: '/root',
    completionWords: () => ['eth0', 'docker0', 'ens160'],
  };
}

export class TestTerminal {
  readonly clock = new Clock();
  readonly hosts = new Map<string, ShellHost>();
  raw = '';
  exitCode: number | undefined;
  readonly finished: FinishedCommand[] = [];
  readonly session: ShellSession;
  private readonly parser = new ShellIntegrationParser((c) => this.finished.push(c));

  constructor(host = plainHost('host', 'docker-host'), extra: ShellHost[] = []) {
    for (const h of [host, ...extra]) this.hosts.set(h.context.id, h);
    const world: ShellWorld = {
      clock: this.clock,
      host: (id) => this.hosts.get(id),
      inNetns: (h) => h,
    };
    this.session = new ShellSession({
      world,
      host,
      cols: 80,
      rows: 24,
      output: (text) => {
        this.raw += text;
        this.parser.feed(text);
      },
      exit: (code) => (this.exitCode = code),
    });
    this.session.start();
  }

  /** Types a line and lets lab time run until the shell is back at its prompt. */
  async run(line: string, limitMs = 60_000): Promise<FinishedCommand> {
    const before = this.finished.length;
    this.session.write(line + '\r');
    await this.settle(limitMs);
    const record = this.finished[before];
    if (!record) throw new Error(`no command record for ${JSON.stringify(line)}`);
    return record;
  }

  async settle(limitMs = 60_000): Promise<void> {
    const end = this.clock.now() + limitMs;
    await this.clock.advance(0);
    let realWaits = 0;
    while (this.session.busy && this.clock.now() < end) {
      const due = this.clock.nextDue();
      if (due === undefined) {
        // Work outside lab time (loading jq's WebAssembly): give it real time.
        if (++realWaits > 500) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      await this.clock.advance(Math.max(0, due - this.clock.now()));
    }
  }

  screen(): string {
    return plainText(this.raw);
  }
}
