// A lab-less shell for unit tests: a host with plain files in a world of its
// own (one machine, nothing but loopback), and the sim clock.
import { Clock } from '../../../src-main/core/sim/clock.js';
import { World } from '../../../src-main/core/sim/world.js';
import { createCommandRegistry } from '../../../src-main/core/shell/commands/index.js';
import { FileSystem } from '../../../src-main/core/shell/fs.js';
import { addDeviceFiles } from '../../../src-main/core/shell/host-files.js';
import type { ShellHost, ShellWorld } from '../../../src-main/core/shell/runtime.js';
import { ShellSession } from '../../../src-main/core/shell/session.js';
import { ShellIntegrationParser, plainText, type FinishedCommand } from '../../../src-main/core/lab/shell-integration.js';

export function plainHost(world: World, id: string, hostname = id): ShellHost {
  const machine = world.createMachine(id, hostname);
  const fs = new FileSystem();
  fs.mkdir('/root');
  fs.mkdir('/tmp');
  fs.mkdir('/etc');
  fs.writeFile('/etc/hostname', hostname + '\n');
  addDeviceFiles(fs, hostname);
  return {
    context: { id, hostname, installed: new Set(), world, netns: machine.rootNs, pid: 100, netAdmin: true },
    fs,
    home: '/root',
    startDir: '/root',
    completionWords: () => ['eth0', 'docker0', 'ens160'],
  };
}

export class TestTerminal {
  readonly clock = new Clock();
  readonly world = new World({ clock: this.clock });
  readonly hosts = new Map<string, ShellHost>();
  raw = '';
  exitCode: number | undefined;
  readonly finished: FinishedCommand[] = [];
  readonly session: ShellSession;
  private readonly parser = new ShellIntegrationParser((c) => this.finished.push(c));

  constructor() {
    const host = plainHost(this.world, 'host', 'docker-host');
    this.hosts.set(host.context.id, host);
    const lab: ShellWorld = {
      clock: this.clock,
      commands: createCommandRegistry(),
      host: (id) => this.hosts.get(id),
      inNetns: (h) => h,
    };
    this.session = new ShellSession({
      world: lab,
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

  /** Lets the shell work (in real time: nothing it awaits is on the lab clock) until its output has `text`. */
  async waitForOutput(text: string, limitMs = 2_000): Promise<void> {
    const end = Date.now() + limitMs;
    while (!this.raw.includes(text)) {
      if (Date.now() > end) throw new Error(`no ${JSON.stringify(text)} in the terminal's output`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  screen(): string {
    return plainText(this.raw);
  }
}
