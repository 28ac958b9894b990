// The step engine: follows every command the lab reports, evaluates the
// current step's checks, and moves on when all pass. Steps run in order; a
// step completed early by commands run ahead of time completes at once when
// it becomes current. Evaluations never overlap: commands that end during one
// trigger one more evaluation after it.
import type { StepState } from '../api/contract.js';
import type { Disposable, LabBackend, TrafficCapture } from '../lab/backend.js';
import { fill } from './bindings.js';
import { evaluateObserved } from './checks/observed.js';
import { evaluateState, type WallTimer } from './checks/state.js';
import { evaluateTraffic, type CaptureState } from './checks/traffic.js';
import { evaluateTranscript } from './checks/transcript.js';
import type { Chapter, Step, TranscriptCheck } from './model.js';
import type { CheckOutcome } from './results.js';
import type { CommandRecord } from '../api/lab.js';

export interface StepStatus {
  chapterId: string;
  stepId: string;
  state: StepState;
  checks: CheckOutcome[];
}

export interface StepCompletion {
  chapterId: string;
  stepId: string;
  /** Lab time when the last check passed. */
  at: number;
  /** Hints or the solution were used. */
  assisted: boolean;
}

export interface ChapterEngineOptions {
  backend: LabBackend;
  chapter: Chapter;
  /** From LabBackend.bindings(), checked against the chapter with checkBindings() first. */
  bindings: Record<string, string>;
  /** Steps already completed (resumed from progress), with whether help was used. */
  completed?: Record<string, 'done' | 'assisted'>;
  onStatus?: (status: StepStatus) => void;
  onStepDone?: (completion: StepCompletion) => void;
  /** Wall-clock timer from the host, so a probe the lab never answers cannot hold up the step. */
  timer?: WallTimer;
}

type StepCaptures = Map<string, { capture?: TrafficCapture; error?: string }>;

export class ChapterEngine {
  private readonly records: CommandRecord[] = [];
  private readonly states = new Map<string, StepState>();
  private readonly results = new Map<string, CheckOutcome[]>();
  private readonly helped = new Set<string>();
  private current: Step | undefined;
  private stepStartSeq = 0;
  /** Per reset step, the first command that counts for it: what ran before the reset no longer completes it. */
  private readonly countsFrom = new Map<string, number>();
  private captures: StepCaptures = new Map();
  private subscription: Disposable | undefined;
  private dirty = false;
  /** Changes to the current step, run by the evaluation loop so they never interleave with an evaluation. */
  private readonly actions: Array<() => Promise<void>> = [];
  private loop: Promise<void> | undefined;

  constructor(private readonly options: ChapterEngineOptions) {
    for (const step of options.chapter.steps) this.states.set(step.id, options.completed?.[step.id] ?? 'pending');
  }

  /** Subscribes to the lab's commands and evaluates the first step not yet done. */
  start(): Promise<void> {
    this.subscription = this.options.backend.onCommand((record) => this.onCommand(record));
    return this.schedule(() => this.activate(this.nextPendingStep()));
  }

  get chapterId(): string {
    return this.options.chapter.id;
  }

  get currentStepId(): string | undefined {
    return this.current?.id;
  }

  /** Commands seen since the engine started, in the order they ended. */
  get commands(): readonly CommandRecord[] {
    return this.records;
  }

  status(stepId: string): StepStatus {
    const step = this.step(stepId);
    const checks = this.results.get(stepId) ?? step.checks.map((check) => this.pendingOutcome(check));
    return { chapterId: this.chapterId, stepId, state: this.states.get(stepId)!, checks };
  }

  /** The learner used a hint or the solution: the step will count as done with help. */
  markHelped(stepId: string): void {
    this.step(stepId);
    this.helped.add(stepId);
  }

  /** Makes a step pending again; if it comes before the current one it becomes current. */
  resetStep(stepId: string): Promise<void> {
    this.step(stepId);
    return this.schedule(async () => {
      this.countsFrom.set(stepId, this.nextSeq());
      this.states.set(stepId, 'pending');
      this.results.delete(stepId);
      this.helped.delete(stepId);
      this.emit(stepId);
      const next = this.nextPendingStep();
      if (next !== this.current) await this.activate(next);
    });
  }

  /** Evaluates the current step now; resolves when no evaluation is pending. */
  evaluate(): Promise<void> {
    return this.schedule();
  }

  private schedule(action?: () => Promise<void>): Promise<void> {
    if (action) this.actions.push(action);
    this.dirty = true;
    this.loop ??= this.runLoop();
    return this.loop;
  }

  /** Resolves once the commands seen so far have been evaluated. */
  idle(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  dispose(): void {
    this.subscription?.dispose();
    this.stopCaptures();
  }

  private onCommand(record: CommandRecord): void {
    this.records.push(record);
    void this.evaluate();
  }

  private async runLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        for (let action = this.actions.shift(); action; action = this.actions.shift()) await action();
        await this.evaluateCurrent();
      }
    } finally {
      this.loop = undefined;
    }
  }

  private async evaluateCurrent(): Promise<void> {
    while (this.current) {
      const step = this.current;
      const checks = await this.evaluateStep(step);
      this.results.set(step.id, checks);
      const passed = checks.every((c) => c.status === 'pass');
      if (!passed) {
        this.states.set(step.id, 'active');
        this.emit(step.id);
        return;
      }
      const assisted = this.helped.has(step.id);
      this.states.set(step.id, assisted ? 'assisted' : 'done');
      this.emit(step.id);
      this.options.onStepDone?.({ chapterId: this.chapterId, stepId: step.id, at: this.options.backend.now(), assisted });
      await this.activate(this.nextPendingStep());
    }
  }

  private async evaluateStep(step: Step): Promise<CheckOutcome[]> {
    const { backend, bindings } = this.options;
    const siblings = new Map<string, TranscriptCheck>();
    for (const check of step.checks) if (check.kind === 'transcript') siblings.set(check.id, check);
    const from = this.countsFrom.get(step.id) ?? 0;
    const records = from > 0 ? this.records.filter((r) => r.seq >= from) : this.records;
    const context = { records, stepStartSeq: Math.max(this.stepStartSeq, from), bindings, siblings };
    return Promise.all(
      step.checks.map(async (check): Promise<CheckOutcome> => {
        switch (check.kind) {
          case 'observed':
            return evaluateObserved(check, context);
          case 'transcript':
            return evaluateTranscript(check, context);
          case 'state':
            return evaluateState(check, backend, bindings, this.options.timer);
          case 'traffic':
            return evaluateTraffic(check, this.captureState(check.id), bindings);
        }
      }),
    );
  }

  private captureState(checkId: string): CaptureState {
    const entry = this.captures.get(checkId);
    if (!entry?.capture) return { error: entry?.error ?? 'the capture did not start' };
    return { packets: entry.capture.packets() };
  }

  private async activate(step: Step | undefined): Promise<void> {
    this.stopCaptures();
    if (this.current && this.states.get(this.current.id) === 'active') this.states.set(this.current.id, 'pending');
    this.current = step;
    if (!step) return;
    this.stepStartSeq = this.nextSeq();
    this.states.set(step.id, 'active');
    const { backend, bindings } = this.options;
    await Promise.all(
      step.checks.map(async (check) => {
        if (check.kind !== 'traffic') return;
        try {
          const request = { host: check.host, iface: fill(check.iface, bindings), filter: check.filter };
          this.captures.set(check.id, { capture: await backend.capture(request) });
        } catch (error) {
          this.captures.set(check.id, { error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }

  /** The seq the next command will carry. */
  private nextSeq(): number {
    return (this.records.at(-1)?.seq ?? -1) + 1;
  }

  private stopCaptures(): void {
    for (const { capture } of this.captures.values()) capture?.dispose();
    this.captures = new Map();
  }

  private nextPendingStep(): Step | undefined {
    return this.options.chapter.steps.find((s) => {
      const state = this.states.get(s.id);
      return state === 'pending' || state === 'active';
    });
  }

  private step(stepId: string): Step {
    const step = this.options.chapter.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`no step "${stepId}" in chapter ${this.chapterId}`);
    return step;
  }

  private pendingOutcome(check: Step['checks'][number]): CheckOutcome {
    const { bindings } = this.options;
    const expected = fill(check.expect, bindings);
    return { id: check.id, kind: check.kind, label: expected, status: 'pending', expected, seen: '', hint: fill(check.hint, bindings) };
  }

  private emit(stepId: string): void {
    this.options.onStatus?.(this.status(stepId));
  }
}
