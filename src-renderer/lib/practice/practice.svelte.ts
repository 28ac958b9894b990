// Practice mode's state: the scenario picker, the running scenario's
// terminals (the Docker host, every container, the outside machines), a
// terminal offered for each container that starts later, snapshots.
import type { LabFileView, PracticeScenario, TerminalName, Topology } from '../../../src-main/core/api/contract.js';
import { SNAPSHOT_MAX_CHARS } from '../../../src-main/core/api/practice.js';
import { app } from '../app-state.svelte.js';
import { runAction, type Api } from './action.js';
import { terminals } from '../terminal/terminals.svelte.js';
import { CHALLENGE_PARAM, challenges } from './challenges.svelte.js';

export const MY_LAB = 'my-lab';

/** The lab's terminals in tab order: the Docker host, its running containers, then the outside machines. */
export function labTerminals(topology: Topology): TerminalName[] {
  const of = (kind: string) => topology.nodes.filter((n) => n.kind === kind).map((n) => n.id);
  return [...of('docker-host'), ...of('container'), ...of('external-host')];
}

/** A file the browser saves, as a download. */
function download(fileName: string, data: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The address names the scenario that runs, so a reload starts it again. */
function rememberScenario(scenario: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('scenario', scenario);
  window.history.replaceState(null, '', url);
}

class Practice {
  scenarios = $state<PracticeScenario[]>([]);
  /** The scenario picked (it runs once `app.lab.scenario` says so). */
  scenario = $state<string>('fresh');
  /** Containers that started after the terminals were set, offered as new tabs. */
  offered = $state<TerminalName[]>([]);
  labFile = $state<LabFileView | undefined>(undefined);
  /** The editor's text, which may differ from what is saved. */
  draft = $state('');
  busy = $state<string | undefined>(undefined);
  /** The last thing that went wrong (a refused snapshot, a lab that failed), shown until the next action. */
  problem = $state<string | undefined>(undefined);
  notice = $state<string | undefined>(undefined);
  private known = new Set<TerminalName>();
  private unsubscribe: Array<() => void> = [];

  async connect(requested: string | undefined): Promise<void> {
    const api = app.api;
    if (!api) return;
    this.scenarios = await api.invoke('practice.scenarios', {});
    this.labFile = await api.invoke('labfile.get', {});
    this.draft = this.labFile.text;
    this.unsubscribe = [
      api.on('topology.changed', () => void this.refreshTerminals(false)),
      api.on('lab.status', (status) => {
        if (status.phase === 'ready') void this.refreshTerminals(true);
      }),
    ];
    await challenges.connect();
    const challenge = new URL(window.location.href).searchParams.get(CHALLENGE_PARAM);
    if (challenge && challenges.list.some((c) => c.id === challenge && !c.error)) return this.openChallenge(challenge);
    const wanted = requested && this.scenarios.some((s) => s.id === requested) ? requested : 'fresh';
    await this.start(wanted);
  }

  disconnect(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    challenges.disconnect();
  }

  /** Starts a challenge's lab: its scenario, changed by the challenge's setup. */
  async openChallenge(challengeId: string): Promise<void> {
    this.problem = undefined;
    this.notice = undefined;
    await challenges.open(challengeId);
    if (challenges.current) rememberScenario((this.scenario = challenges.current.scenario));
  }

  async start(scenario: string): Promise<void> {
    challenges.leave();
    this.scenario = scenario;
    await this.act(`Starting ${scenario}…`, async (api) => {
      const status = await api.invoke('lab.start', { scenario });
      if (status.phase === 'failed') throw new Error(status.message ?? `${scenario} failed to start`);
    });
    rememberScenario(scenario);
  }

  reset(): Promise<void> {
    return this.act('Resetting to the scenario’s start…', async (api) => {
      await api.invoke('lab.reset', {});
    });
  }

  async check(text: string): Promise<void> {
    this.draft = text;
    const view = await app.api?.invoke('labfile.check', { text });
    if (view && this.draft === text && this.labFile) this.labFile = { ...this.labFile, errors: view.errors };
  }

  /** Saves the editor's file; a file with errors is refused (the saved one stays) and `start` is skipped. */
  async saveLabFile(start: boolean): Promise<void> {
    await this.act('Saving the lab file…', async (api) => {
      const view = await api.invoke('labfile.save', { text: this.draft });
      this.labFile = { ...view, saved: view.saved || (this.labFile?.saved ?? false) };
      if (!view.saved) throw new Error(`The lab file was not saved: ${view.errors.length} problem${view.errors.length === 1 ? '' : 's'} to fix first.`);
      this.notice = 'Saved.';
    });
    if (start && this.problem === undefined) await this.start(MY_LAB);
  }

  saveSnapshot(): Promise<void> {
    return this.act('Saving a snapshot…', async (api) => {
      const { fileName, data } = await api.invoke('snapshot.save', {});
      download(fileName, data);
      this.notice = `Snapshot saved as ${fileName}.`;
    });
  }

  loadSnapshot(text: string, fileName: string): Promise<void> {
    return this.act(`Loading ${fileName}…`, async (api) => {
      if (text.length > SNAPSHOT_MAX_CHARS) throw new Error(`${fileName} is too large to be a lab snapshot (over ${SNAPSHOT_MAX_CHARS / 1_000_000} million characters).`);
      const status = await api.invoke('snapshot.load', { data: text });
      challenges.leave();
      if (status.scenario) this.scenario = status.scenario;
      this.notice = `Loaded ${fileName}.`;
    });
  }

  openOffered(name: TerminalName): void {
    this.offered = this.offered.filter((n) => n !== name);
    if (!terminals.names.includes(name)) terminals.setTerminals([...terminals.names, name]);
    terminals.show(name);
  }

  private act(what: string, run: (api: Api) => Promise<void>): Promise<void> {
    this.notice = undefined;
    return runAction(this, what, run);
  }

  /** After a (re)start every terminal of the lab gets a tab; later, new containers are offered one. */
  private async refreshTerminals(restarted: boolean): Promise<void> {
    let topology: Topology;
    try {
      topology = (await app.api?.invoke('topology.get', {})) as Topology;
    } catch {
      return; // the lab is changing; the next status says how it ended
    }
    const names = labTerminals(topology);
    if (restarted) {
      terminals.setTerminals(names);
      if (!names.includes(terminals.panes[0] ?? '')) terminals.show(names[0] ?? 'host', 0);
      this.known = new Set(names);
      this.offered = [];
      return;
    }
    const fresh = names.filter((n) => !this.known.has(n));
    for (const name of fresh) this.known.add(name);
    this.offered = [...this.offered.filter((n) => names.includes(n)), ...fresh];
  }
}

export const practice = new Practice();
