// The service behind the API, the same in both hosts: the Electron utility
// process and browser mode's Node host each create one, pass every request to
// `handle` and forward every event it emits. It owns the lab backend, the
// terminal sessions (batched, flow-controlled) and the course.
import {
  ApiRequestError,
  defaultSettings,
  type AppInfo,
  type BackendKind,
  type EventName,
  type Events,
  type LabStatus,
  type ParamsOf,
  type RequestName,
  type ResultOf,
  type Settings,
  type TerminalInfo,
} from '../api/contract.js';
import { isPacketTraceSource } from '../api/trace.js';
import { isLabSnapshots, type LabFileView, type PracticeScenario } from '../api/practice.js';
import { parseLabFile } from '../labfile/parse.js';
import { STARTER_LAB_FILE } from '../labfile/model.js';
import { ParamsValidator } from '../api/validate.js';
import type { Disposable, LabBackend, TerminalSession } from '../lab/backend.js';
import { runSetup, type Challenge } from '../lessons/challenges.js';
import type { LessonSource } from '../lessons/loader.js';
import type { Progress } from '../lessons/progress.js';
import type { ProgressStore } from '../lessons/tracker.js';
import { ChallengeController } from './challenges.js';
import { CourseController } from './course.js';
import { EchoSession } from './echo-session.js';
import type { Scheduler } from './scheduler.js';
import { TerminalPipe, type PipeOptions } from './terminal-pipe.js';
import type { TerminalName } from '../api/lab.js';

export interface SettingsStore {
  load(): Partial<Settings> | undefined;
  save(settings: Settings): void;
}

/** Where the learner's own lab file is kept (saves must be atomic: the old file or the new one, never half). */
export interface LabFileStore {
  load(): string | undefined;
  save(text: string): Promise<void>;
}

export interface PracticeOptions {
  /** The scenarios practice mode offers, in the picker's order. */
  scenarios: PracticeScenario[];
  labFiles: LabFileStore;
}

export interface AppServiceOptions {
  host: AppInfo['host'];
  version: string;
  scheduler: Scheduler;
  /** Absent while no lab backend exists in this build: terminals then only echo. */
  createBackend?: (kind: BackendKind) => LabBackend | Promise<LabBackend>;
  backends: BackendKind[];
  lessons?: LessonSource;
  /** The learner's saved progress and where to save changes; in memory when absent. */
  progress?: { initial: Progress; store: ProgressStore };
  defaultScenario: string;
  settings?: SettingsStore;
  /** ISO time for "done at" stamps; the host's wall clock (lab time is the backend's). */
  wallClock: () => string;
  pipe?: PipeOptions;
  /** Practice mode: absent in hosts without it. */
  practice?: PracticeOptions;
}

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

interface OpenTerminal {
  name: TerminalName;
  session: TerminalSession;
  pipe: TerminalPipe;
  subscriptions: Disposable[];
}

type Handlers = { [M in RequestName]: (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

export class AppService {
  private readonly validator = new ParamsValidator();
  private readonly listeners = new Set<EventListener>();
  private readonly terminals = new Map<string, OpenTerminal>();
  private readonly course: CourseController;
  private readonly challenges: ChallengeController;
  private settings: Settings;
  private backend: LabBackend | undefined;
  private backendSubscriptions: Disposable[] = [];
  private scenario: string;
  /** The challenge whose lab runs (its setup is run again at every reset), if any. */
  private challenge: Challenge | undefined;
  private status: LabStatus;
  private ready: Promise<void> = Promise.resolve();
  private labChange: Promise<unknown> = Promise.resolve();
  private bindingValues: Record<string, string> = {};
  private nextTerminal = 1;
  /** The chapter whose step engine follows the lab; reopened when the lab restarts. */
  private openChapter: string | undefined;

  constructor(private readonly options: AppServiceOptions) {
    this.settings = { ...defaultSettings, ...options.settings?.load() };
    if (!options.backends.includes(this.settings.backend)) this.settings.backend = options.backends[0] ?? 'sim';
    this.scenario = options.defaultScenario;
    this.status = { backend: this.settings.backend, phase: 'stopped', scenario: this.scenario };
    const wallTimer = (ms: number) => new Promise<void>((resolve) => options.scheduler.setTimeout(resolve, ms));
    this.course = new CourseController({
      lessons: options.lessons,
      progress: options.progress,
      wallClock: options.wallClock,
      wallTimer,
      onStepStatus: (status) => this.emit('step.status', status),
      onProgress: (snapshot) => this.emit('progress.changed', snapshot),
    });
    this.challenges = new ChallengeController(options.lessons, this.course.tracker, wallTimer);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates and runs one request; errors come back as ApiRequestError. */
  async handle(method: unknown, params: unknown): Promise<unknown> {
    const check = this.validator.check(method, params);
    if (!check.ok) {
      throw new ApiRequestError(this.validator.isMethod(method) ? 'invalid-params' : 'unknown-method', check.message);
    }
    const handler = this.handlers[method as RequestName] as (p: unknown) => unknown;
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof ApiRequestError) throw error;
      throw new ApiRequestError('failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** Starts the lab on the configured backend; requests wait for it where they need it. */
  start(): Promise<LabStatus> {
    return this.startLab(this.settings.backend, this.scenario, undefined);
  }

  async dispose(): Promise<void> {
    this.closeAllTerminals();
    await this.disposeBackend();
    this.listeners.clear();
  }

  private readonly handlers: Handlers = {
    'app.info': () => this.info(),
    'course.get': () => this.course.view(this.bindingValues),
    'chapter.open': async ({ chapterId }) => {
      const chapter = this.course.chapter(chapterId);
      // A challenge's lab has been changed by its setup: a chapter starts from the plain scenario.
      if (this.options.createBackend && (chapter.scenario !== this.scenario || this.challenge)) {
        await this.startLab(this.status.backend, chapter.scenario, undefined);
      }
      this.openChapter = chapterId;
      const labUp = await this.ready.then(
        () => true,
        () => false, // the lab failed (the status says why): the chapter still reads, without live values or checks
      );
      return this.course.open(chapterId, labUp ? this.backend : undefined, this.bindingValues);
    },
    'step.hint': ({ chapterId, stepId }) => this.course.hint(chapterId, stepId, this.bindingValues),
    'step.solution': ({ chapterId, stepId }) => this.course.solution(chapterId, stepId, this.bindingValues),
    'step.predict': ({ chapterId, stepId, choice }) => this.course.predict(chapterId, stepId, choice, this.bindingValues),

    'lab.status': () => this.status,
    'lab.start': ({ scenario }) => this.startLab(this.status.backend, scenario ?? this.scenario, undefined),
    'lab.reset': () => this.resetLab(),
    'lab.switchBackend': async ({ backend }) => {
      if (!this.options.backends.includes(backend)) {
        throw new ApiRequestError('unavailable', `the ${backend} backend is not available in this build`);
      }
      this.updateSettings({ backend });
      const status = await this.startLab(backend, this.scenario, this.challenge);
      await this.reopenChapter().catch((error: unknown) => this.fail(error));
      return status;
    },

    'practice.scenarios': () => this.practice().scenarios,
    'labfile.get': () => {
      const saved = this.practice().labFiles.load();
      return labFileView(saved ?? STARTER_LAB_FILE, saved !== undefined);
    },
    'labfile.check': ({ text }) => labFileView(text, false),
    'labfile.save': async ({ text }) => {
      const view = labFileView(text, false);
      if (view.errors.length > 0) return view;
      await this.practice().labFiles.save(text);
      return { ...view, saved: true };
    },
    'snapshot.save': () => ({ fileName: `lab-${this.scenario}.snapshot.json`, data: this.snapshots().saveSnapshot() }),
    'snapshot.load': ({ data }) => this.loadSnapshot(data),
    'lab.leftovers': async () => (await this.backend?.leftoverLabs?.()) ?? [],
    'lab.removeLeftovers': async ({ ids }) => {
      await this.backend?.removeLeftoverLabs?.(ids);
      return (await this.backend?.leftoverLabs?.()) ?? [];
    },

    'challenges.list': () => this.challenges.list(),
    'challenge.open': async ({ challengeId }) => {
      const challenge = this.challenges.challenge(challengeId);
      const backends = challenge.backends;
      if (backends && !backends.includes(this.status.backend)) {
        throw new ApiRequestError('unavailable', `the challenge ${challengeId} runs on the ${backends.join(' or ')} backend, not ${this.status.backend}`);
      }
      await this.startLab(this.status.backend, challenge.scenario, challenge);
      await this.challengeLab(challengeId);
      return this.challenges.view(challengeId, this.bindingValues);
    },
    'challenge.hint': ({ challengeId }) => this.challenges.hint(challengeId, this.bindingValues),
    'challenge.check': async ({ challengeId }) => {
      const backend = await this.challengeLab(challengeId);
      await this.refreshBindings();
      return this.challenges.check(challengeId, backend, this.bindingValues);
    },
    'challenge.reset': async ({ challengeId }) => {
      await this.challengeLab(challengeId);
      await this.resetLab();
      await this.challengeLab(challengeId);
      return this.challenges.view(challengeId, this.bindingValues);
    },

    'terminal.open': ({ name, cols, rows }) => this.openTerminal(name, cols, rows),
    'terminal.input': ({ id, data }) => this.terminal(id).session.write(data),
    'terminal.resize': ({ id, cols, rows }) => this.terminal(id).session.resize({ cols, rows }),
    'terminal.ack': ({ id, chars }) => this.terminal(id).pipe.ack(chars),
    'terminal.close': ({ id }) => this.closeTerminal(id, 0, 'closed'),

    'topology.get': async () => {
      await this.ready;
      return this.requireBackend('the topology').topology();
    },
    'trace.list': ({ limit }) => this.traceSource().recentTraces(limit ?? 100),
    'trace.get': ({ id }) => {
      const trace = this.traceSource().traceById(id);
      if (!trace) throw new ApiRequestError('failed', `no packet trace ${id}`);
      return trace;
    },

    'progress.get': () => this.course.snapshot(),
    'progress.reset': (scope) => this.course.reset(scope),
    'progress.export': () => ({ fileName: 'docker-networking-explorer-progress.json', data: this.course.exportText() }),
    'progress.import': ({ data }) => this.course.importText(data),

    'settings.get': () => this.settings,
    'settings.set': (changes) => this.updateSettings(changes),
  };

  /** The running lab, once it is up, when it is the given challenge's. */
  private async challengeLab(challengeId: string): Promise<LabBackend> {
    if (this.challenge?.id !== challengeId) throw new ApiRequestError('failed', `the running lab is not the challenge ${challengeId}: open the challenge first`);
    await this.ready.catch(() => {
      throw new ApiRequestError('failed', this.status.message ?? `the lab of the challenge ${challengeId} failed to start`);
    });
    return this.requireBackend(`the challenge ${challengeId}`);
  }

  /** Back to the scenario's start (and the challenge's setup, if one runs); the terminals reopen. */
  private async resetLab(): Promise<LabStatus> {
    const backend = this.backend;
    if (!backend) return this.status;
    this.closeAllTerminals();
    this.course.closeChapter();
    this.challenges.labChanged();
    this.setStatus({ ...this.status, phase: 'starting' });
    const setup = this.challenge?.setup;
    this.ready = backend
      .reset()
      .then(() => runSetup(backend, setup))
      .then(() => this.refreshBindings());
    try {
      await this.ready;
      this.setStatus(backend.status());
      await this.reopenChapter();
    } catch (error) {
      this.fail(error);
    }
    return this.status;
  }

  private practice(): PracticeOptions {
    if (!this.options.practice) throw new ApiRequestError('unavailable', 'practice mode is not available in this build');
    return this.options.practice;
  }

  private snapshots() {
    const backend = this.requireBackend('a snapshot');
    if (!isLabSnapshots(backend)) throw new ApiRequestError('unavailable', `snapshots are not available on the ${backend.kind} backend`);
    return backend;
  }

  /** A file that cannot be loaded is refused before the running lab (and its terminals) are touched. */
  private async loadSnapshot(data: string): Promise<LabStatus> {
    const backend = this.snapshots();
    const problem = backend.checkSnapshot(data);
    if (problem) throw new ApiRequestError('failed', problem);
    const change = this.labChange.then(async () => {
      this.closeAllTerminals();
      this.course.closeChapter();
      this.challenges.labChanged();
      this.challenge = undefined; // a loaded lab is its own, whatever it was saved from
      this.setStatus({ ...this.status, phase: 'starting' });
      await backend.loadSnapshot(data, (progress) => this.emit('lab.progress', progress));
      await this.refreshBindings();
      const status = backend.status();
      this.scenario = status.scenario ?? this.scenario;
      this.setStatus(status);
    });
    this.labChange = change.catch(() => undefined);
    this.ready = change;
    try {
      await change;
    } catch (error) {
      this.fail(error);
    }
    return this.status;
  }

  private info(): AppInfo {
    return {
      version: this.options.version,
      host: this.options.host,
      backends: this.options.backends,
      echoOnly: !this.options.createBackend,
      lessonsUnavailable: this.course.unavailableReason,
    };
  }

  private emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  private setStatus(status: LabStatus): void {
    this.status = status;
    this.emit('lab.status', status);
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.setStatus({ backend: this.status.backend, phase: 'failed', scenario: this.scenario, message });
  }

  private async reopenChapter(): Promise<void> {
    if (this.openChapter && this.status.phase === 'ready') await this.course.open(this.openChapter, this.backend, this.bindingValues);
  }

  /** Lab changes run one at a time; anything that needs the lab waits for the latest one. */
  private startLab(kind: BackendKind, scenario: string, challenge: Challenge | undefined): Promise<LabStatus> {
    const change = this.labChange.then(() => this.replaceLab(kind, scenario, challenge));
    this.labChange = change.catch(() => undefined);
    const ready = change.then((status) => {
      if (status.phase === 'failed') throw new Error(status.message ?? 'the lab failed to start');
    });
    ready.catch(() => {}); // callers that await it report it themselves
    this.ready = ready;
    return change;
  }

  private async replaceLab(kind: BackendKind, scenario: string, challenge: Challenge | undefined): Promise<LabStatus> {
    this.closeAllTerminals();
    this.course.closeChapter();
    this.challenges.labChanged();
    await this.disposeBackend();
    this.scenario = scenario;
    this.challenge = challenge;
    const create = this.options.createBackend;
    if (!create) {
      this.setStatus({ backend: kind, phase: 'ready', scenario, message: 'No lab backend in this build: terminals only echo.' });
      return this.status;
    }
    this.setStatus({ backend: kind, phase: 'starting', scenario });
    try {
      const backend = await create(kind);
      this.backend = backend;
      this.subscribe(backend);
      await backend.start(scenario, (progress) => this.emit('lab.progress', progress));
      await runSetup(backend, challenge?.setup);
      await this.refreshBindings();
      this.setStatus(backend.status());
    } catch (error) {
      this.fail(error);
    }
    return this.status;
  }

  private subscribe(backend: LabBackend): void {
    this.backendSubscriptions.push(
      backend.onStatus((status) => this.setStatus(status)),
      backend.onCommand((record) => {
        this.course.commandRan(record);
        this.emit('lab.command', record);
        this.emit('topology.changed', {});
      }),
    );
    if (isPacketTraceSource(backend)) {
      this.backendSubscriptions.push(backend.onTrace((trace) => this.emit('trace.added', trace)));
    }
  }

  private async disposeBackend(): Promise<void> {
    for (const subscription of this.backendSubscriptions) subscription.dispose();
    this.backendSubscriptions = [];
    const backend = this.backend;
    this.backend = undefined;
    this.bindingValues = {};
    await backend?.dispose();
  }

  private async refreshBindings(): Promise<void> {
    this.bindingValues = this.backend ? await this.backend.bindings() : {};
  }

  private requireBackend(what: string): LabBackend {
    if (!this.backend) throw new ApiRequestError('unavailable', `${what} needs a running lab (${this.status.phase})`);
    return this.backend;
  }

  private traceSource() {
    const backend = this.requireBackend('packet traces');
    if (!isPacketTraceSource(backend)) {
      throw new ApiRequestError('unavailable', `packet traces are not available on the ${backend.kind} backend`);
    }
    return backend;
  }

  private async openTerminal(name: TerminalName, cols: number, rows: number): Promise<TerminalInfo> {
    let session: TerminalSession;
    if (this.options.createBackend) {
      await this.ready;
      session = await this.requireBackend('a terminal').openTerminal(name, { cols, rows });
    } else {
      session = new EchoSession(name);
    }
    const id = `t${this.nextTerminal++}`;
    const pipe = new TerminalPipe(session, this.options.scheduler, (data, echoesTyping) => this.emit('terminal.data', { id, data, echoesTyping }), this.options.pipe);
    const subscriptions = [session.onExit((exitCode) => this.closeTerminal(id, exitCode, 'exited'))];
    this.terminals.set(id, { name, session, pipe, subscriptions });
    if (session instanceof EchoSession) session.start();
    const netns = this.bindingValues[`${name}.netns`];
    return {
      id,
      name,
      label: `${name}${netns ? ` (net:[${netns}])` : ''} · ${session instanceof EchoSession ? 'echo only' : this.status.backend === 'sim' ? 'simulated' : 'docker'}`,
      echoOnly: session instanceof EchoSession,
    };
  }

  private terminal(id: string): OpenTerminal {
    const open = this.terminals.get(id);
    if (!open) throw new ApiRequestError('failed', `no terminal ${id}`);
    return open;
  }

  private closeTerminal(id: string, exitCode: number, reason: Events['terminal.exit']['reason']): void {
    const open = this.terminals.get(id);
    if (!open) return;
    this.terminals.delete(id);
    open.pipe.flush();
    for (const subscription of open.subscriptions) subscription.dispose();
    open.pipe.dispose();
    open.session.dispose();
    this.emit('terminal.exit', { id, exitCode, reason });
  }

  /** Before the lab restarts: the renderer reopens these once it is ready. */
  private closeAllTerminals(): void {
    for (const id of [...this.terminals.keys()]) this.closeTerminal(id, 0, 'lab-restart');
  }

  private updateSettings(changes: Partial<Settings>): Settings {
    this.settings = { ...this.settings, ...changes };
    this.options.settings?.save(this.settings);
    this.emit('settings.changed', this.settings);
    return this.settings;
  }
}

function labFileView(text: string, saved: boolean): LabFileView {
  const result = parseLabFile(text);
  return { text, saved, errors: result.ok ? [] : result.errors };
}
