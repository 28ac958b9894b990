// DockerBackend: the LabBackend contract over a real Docker Engine. The whole
// lab lives in one labelled lab host container (see lab-host.ts); terminals,
// probes and captures are execs in it; reset and quit remove only that container.
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import type {
  CaptureRequest,
  Disposable,
  LabBackend,
  ProbeResult,
  TerminalSession,
  TerminalSize,
  TrafficCapture,
} from '../../core/lab/backend.js';
import type { Topology } from '../../core/api/topology.js';
import { startCapture } from './capture.js';
import { Emitter } from '../../core/lab/emitter.js';
import { findEngine, type EngineEndpoint } from './engine.js';
import { bindingsFrom, parseSnapshot, snapshotScript, topologyFrom, type LabSnapshot } from './inspect.js';
import { DEFAULT_IMAGES, ensureImage, type LabImages } from './images.js';
import { type EngineTraits, findLabHosts, type LabHostInfo, LabHost, removeLabHosts, sessionLabHosts } from './lab-host.js';
import { ownerAlive, processOwner } from './reaper.js';
import { labPlan, type LabPlan } from './lab-plan.js';
import type { ScenarioResolver } from '../../core/simlab/scenarios.js';
import { enter, probeCommand, shellCommand } from './lab-setup.js';
import {
  connectionProblem,
  dockerCliInstalled,
  engineStoppedProblem,
  labHostProblem,
} from './problems.js';
import { RC_PATH } from './shell-rc.js';
import { DockerTerminal } from './terminal.js';
import type { CommandRecord, LabProgress, LabStatus, LeftoverLab, TerminalName } from '../../core/api/lab.js';

export interface DockerBackendOptions {
  /** Defaults to the engine the docker CLI would use. */
  endpoint?: EngineEndpoint;
  images?: LabImages;
  platform?: NodeJS.Platform;
  cliInstalled?: boolean;
  /**
   * Prepare the next lab host in the background once a lab is ready (default true), so a reset
   * only has to run the scenario's steps. Costs a second lab host's memory while a lab runs.
   */
  spareLabHost?: boolean;
  /** Where `docker save` archives of the container image are kept (see image-cache.ts). */
  imageCache?: string;
  /** Finds a scenario by name (default: the built-in ones); a host adds the learner's own labs. */
  scenarios?: ScenarioResolver;
}

export class DockerBackend implements LabBackend {
  readonly kind = 'docker' as const;
  readonly endpoint: EngineEndpoint;
  private readonly docker: Docker;
  private readonly images: LabImages;
  private readonly options: DockerBackendOptions;
  private current: LabStatus = { backend: 'docker', phase: 'stopped' };
  private readonly statusListeners = new Emitter<LabStatus>();
  private readonly commandListeners = new Emitter<CommandRecord>();
  private readonly terminals = new Set<DockerTerminal>();
  private readonly removals = new Set<Promise<void>>();
  private labHost?: LabHost;
  private plan?: LabPlan;
  private seq = 0;
  private readonly epoch = Date.now();
  private stopWatching?: () => void;
  private spare?: Promise<LabHost | undefined>;
  /** Marks this instance's lab hosts, so they are never offered as leftovers. */
  private readonly session = randomUUID();
  /** Set by dispose: a lab host still being prepared is removed as soon as it exists. */
  private disposed = false;

  constructor(options: DockerBackendOptions = {}) {
    this.options = options;
    this.endpoint = options.endpoint ?? findEngine();
    this.docker = new Docker(this.endpoint.options);
    this.images = options.images ?? DEFAULT_IMAGES;
  }

  /** The running lab's container on the engine, if there is one. */
  get labHostId(): string | undefined {
    return this.labHost?.id;
  }

  status(): LabStatus {
    return { ...this.current };
  }

  onStatus(listener: (status: LabStatus) => void): Disposable {
    return this.statusListeners.on(listener);
  }

  onCommand(listener: (record: CommandRecord) => void): Disposable {
    return this.commandListeners.on(listener);
  }

  private setStatus(status: Omit<LabStatus, 'backend'>): void {
    this.current = { backend: 'docker', ...status };
    this.statusListeners.emit(this.status());
  }

  /** Reaches the engine, or explains why it cannot: not installed, not running, no permission. */
  async connect(): Promise<EngineTraits> {
    try {
      await this.docker.ping();
      const info = (await this.docker.info()) as { SecurityOptions?: string[]; CgroupVersion?: string };
      return {
        rootless: (info.SecurityOptions ?? []).some((o) => o.includes('rootless')),
        cgroupVersion: info.CgroupVersion ?? '1',
      };
    } catch (err) {
      throw connectionProblem(err, {
        endpoint: this.endpoint,
        platform: this.options.platform ?? process.platform,
        cliInstalled: this.options.cliInstalled ?? dockerCliInstalled(),
      });
    }
  }

  async start(scenario: string, onProgress?: (p: LabProgress) => void): Promise<void> {
    this.disposed = false;
    await this.tearDown();
    this.setStatus({ phase: 'starting', scenario });
    const progress = (step: string, fraction?: number) => onProgress?.({ step, fraction });
    try {
      const plan = labPlan(scenario, this.options.scenarios);
      progress('Connecting to the Docker engine', 0);
      const engine = await this.connect();
      if (engine.rootless) throw labHostProblem(new Error('rootless engine'), true);
      progress('Checking the lab images', 0.05);
      await ensureImage(this.docker, this.images.labHost, progress);
      await ensureImage(this.docker, this.images.node, progress);
      const options = { engine, progress, session: this.session, imageCache: this.options.imageCache, cancelled: () => this.disposed };
      const spare = await this.takeSpare();
      if (spare) {
        await spare.runScenario(plan, progress);
        this.labHost = spare;
      } else {
        progress('Creating the lab host container', 0.1);
        this.labHost = await LabHost.create(this.docker, plan, this.images, options);
      }
      this.plan = plan;
      this.watch(this.labHost);
      progress('Lab ready', 1);
      this.setStatus({ phase: 'ready', scenario });
      if (this.options.spareLabHost ?? true) {
        this.spare = LabHost.prepare(this.docker, plan, this.images, { ...options, progress: () => {} }).catch(() => undefined);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.setStatus({ phase: 'failed', scenario, message });
      throw err;
    }
  }

  /** Resolves once the lab host for the next start or reset is prepared (or its preparation failed). */
  async whenPrepared(): Promise<void> {
    await this.spare;
  }

  /** The lab host prepared in the background for the next start or reset, if it is still usable. */
  private async takeSpare(): Promise<LabHost | undefined> {
    const spare = await this.spare;
    this.spare = undefined;
    if (spare && (await spare.running())) return spare;
    await spare?.remove();
    return undefined;
  }

  /** Notices the engine stopping or the lab host going away while a lesson runs. */
  private watch(labHost: LabHost): void {
    let stopped = false;
    let events: NodeJS.ReadableStream | undefined;
    const lost = () => {
      if (stopped || this.labHost !== labHost) return;
      stopped = true;
      this.setStatus({ phase: 'failed', scenario: this.plan?.scenario, message: engineStoppedProblem(this.endpoint).message });
    };
    this.stopWatching = () => {
      stopped = true;
      (events as { destroy?: () => void } | undefined)?.destroy?.();
    };
    this.docker
      .getEvents({ filters: { container: [labHost.id], event: ['die', 'destroy', 'stop', 'kill'] } })
      .then((stream) => {
        events = stream;
        if (stopped) return this.stopWatching?.();
        stream.on('data', lost);
        stream.on('end', lost);
        stream.on('error', lost);
      })
      .catch(lost);
  }

  private ready(): { labHost: LabHost; plan: LabPlan } {
    if (!this.labHost || !this.plan || this.current.phase !== 'ready') {
      throw new Error(this.current.message ?? 'The real Docker lab is not running: start it first.');
    }
    return { labHost: this.labHost, plan: this.plan };
  }

  async openTerminal(name: TerminalName, size: TerminalSize): Promise<TerminalSession> {
    const { labHost, plan } = this.ready();
    if (enter(plan, name, false)[0] === 'docker') {
      // Containers started later (by the learner) get the shell-integration rcfile here.
      const copied = await labHost.run(['docker', 'cp', RC_PATH, `${name}:${RC_PATH}`]);
      if (copied.exitCode !== 0) throw new Error(`No running container called ${name} in the lab.`);
    }
    const terminal = await DockerTerminal.open(labHost.container, name, shellCommand(plan, name), size, {
      now: () => this.now(),
      onCommand: (finished) => this.commandListeners.emit({ seq: ++this.seq, terminal: name, ...finished }),
    });
    this.terminals.add(terminal);
    terminal.onExit(() => this.terminals.delete(terminal));
    return terminal;
  }

  async probe(host: TerminalName, command: string, timeoutMs: number): Promise<ProbeResult> {
    const { labHost, plan } = this.ready();
    const result = await labHost.run(probeCommand(plan, host, command, timeoutMs));
    return { output: result.stdout + result.stderr, exitCode: result.exitCode };
  }

  private async snapshot(): Promise<{ plan: LabPlan; snapshot: LabSnapshot }> {
    const { labHost, plan } = this.ready();
    const result = await labHost.mustRun(['bash', '-c', snapshotScript(plan)]);
    return { plan, snapshot: parseSnapshot(result.stdout) };
  }

  async bindings(): Promise<Record<string, string>> {
    const { plan, snapshot } = await this.snapshot();
    return bindingsFrom(plan, snapshot);
  }

  async topology(): Promise<Topology> {
    const { plan, snapshot } = await this.snapshot();
    return topologyFrom(plan, snapshot);
  }

  capture(request: CaptureRequest): Promise<TrafficCapture> {
    const { labHost, plan } = this.ready();
    return startCapture(labHost.container, plan, request, () => this.now());
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  now(): number {
    return Date.now() - this.epoch;
  }

  async reset(): Promise<void> {
    const scenario = this.plan?.scenario ?? this.current.scenario;
    if (!scenario) throw new Error('The real Docker lab was never started: nothing to reset.');
    await this.start(scenario);
  }

  /**
   * Lab hosts an earlier run left behind (a crash, a killed process, a stopped engine), to offer for
   * removal: not this backend's, and not one of another process that is still running. `tag` narrows them to
   * those made with that DNE_LAB_TAG.
   */
  async leftoverLabs(tag?: string): Promise<LeftoverLab[]> {
    const all = await findLabHosts(this.docker, tag);
    return all.filter((lab) => this.isLeftover(lab)).map(({ id, name, scenario, state, created, sizeBytes }) => ({ id, name, scenario, state, created, sizeBytes }));
  }

  private isLeftover(lab: LabHostInfo): boolean {
    if (lab.session === this.session) return false;
    // Another process that is still running looks after its own (one being prepared is not yet running).
    return lab.owner === processOwner || !ownerAlive(lab.owner);
  }

  /** Removes the given leftover lab hosts (all of them by default); never a live lab. Returns the ids removed. */
  async removeLeftoverLabs(ids?: string[], tag?: string): Promise<string[]> {
    const leftovers = (await this.leftoverLabs(tag)).map((lab) => lab.id);
    const chosen = ids ? leftovers.filter((id) => ids.includes(id)) : leftovers;
    await removeLabHosts(this.docker, chosen);
    return chosen;
  }

  /** Closes terminals and removes the lab host; removal finishes in the background (see dispose). */
  private async tearDown(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = undefined;
    for (const terminal of this.terminals) terminal.dispose();
    this.terminals.clear();
    const old = this.labHost;
    this.labHost = undefined;
    this.plan = undefined;
    if (old) {
      const removal = old.remove().catch(() => {});
      this.removals.add(removal);
      void removal.finally(() => this.removals.delete(removal));
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.tearDown();
    // A spare still being prepared: remove its container now rather than wait for it to be ready.
    await removeLabHosts(this.docker, await sessionLabHosts(this.docker, this.session).catch(() => []));
    await (await this.spare)?.remove();
    this.spare = undefined;
    await Promise.all(this.removals);
    this.setStatus({ phase: 'stopped' });
  }
}
