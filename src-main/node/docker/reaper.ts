// Removes the lab hosts a process made, however the process ends: dispose,
// a normal exit without it, an uncaught error, SIGINT, SIGTERM, SIGHUP, or a
// write to a closed pipe. Every lab host is created through `labHostReaper`, so
// one still being prepared is known from the moment the engine names it, and
// no new one is made once the process is going away. SIGKILL cannot be caught:
// what it leaves is listed as a leftover by the next run (backend.ts).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type Dockerode from 'dockerode';

/** Which process made a lab host (`host/pid`), so a later run can tell a live one from a leftover. */
export const OWNER_LABEL = 'com.docker-networking-explorer.owner';
/** Free text from DNE_LAB_TAG: lets tests find, and clean up, exactly the lab hosts they caused. */
export const TAG_LABEL = 'com.docker-networking-explorer.tag';

export const processOwner = `${hostname()}/${process.pid}`;
export const processTag = process.env.DNE_LAB_TAG ?? '';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Longest a signal waits for lab hosts to go before the process ends anyway. */
const SIGNAL_CLEANUP_MS = 20_000;

/** Whether a process `host/pid` made is still running (unknown, so true, on another machine). */
export function ownerAlive(owner: string): boolean {
  const slash = owner.lastIndexOf('/');
  const pid = Number(owner.slice(slash + 1));
  if (slash < 0 || !Number.isInteger(pid) || pid <= 0) return false;
  if (owner.slice(0, slash) !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run by a separate Node process at 'exit', when only synchronous work is left:
 * removes the given containers and any other container this process owns
 * (found by OWNER_LABEL, after a moment when a creation was still in flight),
 * with the Engine API over the same socket or TCP endpoint.
 */
const EXIT_REMOVER = `
const { endpoint, ids, owner, settleMs } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const http = require(endpoint.protocol === 'https' ? 'https' : 'http');
const call = (method, path) => new Promise((resolve) => {
  const target = endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port, ca: endpoint.ca, cert: endpoint.cert, key: endpoint.key };
  const req = http.request({ ...target, method, path, timeout: 10000 }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve(body));
  });
  req.on('error', () => resolve(''));
  req.on('timeout', () => req.destroy());
  req.end();
});
const remove = (id) => call('DELETE', '/containers/' + encodeURIComponent(id) + '?force=1&v=1');
(async () => {
  await Promise.all(ids.map(remove));
  if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
  const filters = encodeURIComponent(JSON.stringify({ label: [${JSON.stringify(OWNER_LABEL)} + '=' + owner] }));
  let found = [];
  try { found = JSON.parse(await call('GET', '/containers/json?all=1&filters=' + filters)); } catch {}
  await Promise.all(found.map((c) => remove(c.Id)));
})();
`;

interface ModemEndpoint {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: string;
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
}

const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'string' ? value : undefined);

export class LabHostReaper {
  /** Lab hosts this process made and has not removed, with the engine each is on. */
  private readonly live = new Map<string, Dockerode>();
  private readonly creating = new Set<Promise<unknown>>();
  private engine?: Dockerode;
  private installed = false;
  private quitting = false;

  /** Labels every lab host carries so it can be traced back to this process. */
  labels(): Record<string, string> {
    return { [OWNER_LABEL]: processOwner, [TAG_LABEL]: processTag };
  }

  /** Creates a lab host container and keeps track of it until `forget`. */
  async create(docker: Dockerode, options: Dockerode.ContainerCreateOptions): Promise<Dockerode.Container> {
    if (this.quitting) throw new Error('The app is quitting: no new lab host is made.');
    this.install();
    this.engine = docker;
    const creation = docker.createContainer({ ...options, Labels: { ...options.Labels, ...this.labels() } });
    this.creating.add(creation);
    let container: Dockerode.Container;
    try {
      container = await creation;
    } finally {
      this.creating.delete(creation);
    }
    this.live.set(container.id, docker);
    if (this.quitting) {
      await this.removeOne(container.id);
      throw new Error('The app is quitting: the new lab host was removed.');
    }
    return container;
  }

  /** A lab host that was removed. */
  forget(id: string): void {
    this.live.delete(id);
  }

  /** Lab hosts still to remove (for tests and the quitting path). */
  get pending(): number {
    return this.live.size + this.creating.size;
  }

  private async removeOne(id: string): Promise<void> {
    const container = this.live.get(id)?.getContainer(id);
    await container?.remove({ force: true, v: true }).catch((err: { statusCode?: number }) =>
      // Another removal of it is under way: done once it is gone.
      err.statusCode === 409 ? container.wait({ condition: 'removed' }).catch(() => {}) : undefined,
    );
    this.live.delete(id);
  }

  private removing?: Promise<void>;

  /** Stops new lab hosts and removes every one this process made, waiting for creations in flight. Once. */
  removeAll(): Promise<void> {
    this.quitting = true;
    this.removing ??= (async () => {
      await Promise.allSettled([...this.creating]);
      await Promise.all([...this.live.keys()].map((id) => this.removeOne(id)));
    })();
    return this.removing;
  }

  private install(): void {
    if (this.installed) return;
    this.installed = true;
    process.on('exit', () => this.removeBeforeExit());
    for (const signal of SIGNALS) process.on(signal, () => void this.onSignal(signal));
    // A reader that went away (`npm run lab | head`): end as a broken pipe would, after cleaning up.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') void this.removeAll().then(() => process.exit(1));
      });
    }
  }

  /**
   * When this is the signal's only listener, the process ends here, by the same signal once the
   * lab hosts are gone. Otherwise the process's own handler decides (and 'exit' finishes the job).
   */
  private async onSignal(signal: (typeof SIGNALS)[number]): Promise<void> {
    const alone = process.listenerCount(signal) === 1;
    const timeout = new Promise((resolve) => setTimeout(resolve, SIGNAL_CLEANUP_MS).unref());
    await Promise.race([this.removeAll(), timeout]);
    if (!alone) return;
    this.removeBeforeExit();
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }

  /** Synchronous last resort at 'exit': a child process removes what is left. */
  private removeBeforeExit(): void {
    // In Electron's utility process execPath is the app itself (its runAsNode fuse is off): signals and dispose cover it.
    if (this.pending === 0 || !this.engine || process.versions.electron) return;
    const modem = (this.engine as unknown as { modem: ModemEndpoint }).modem;
    const endpoint = {
      socketPath: modem.socketPath,
      host: modem.host,
      port: modem.port,
      protocol: modem.protocol,
      ca: text(modem.ca),
      cert: text(modem.cert),
      key: text(modem.key),
    };
    const input = JSON.stringify({ endpoint, ids: [...this.live.keys()], owner: processOwner, settleMs: this.creating.size ? 1000 : 0 });
    spawnSync(process.execPath, ['-e', EXIT_REMOVER], {
      input,
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 30_000,
    });
    this.live.clear();
  }
}

/** The one reaper of this process. */
export const labHostReaper = new LabHostReaper();
