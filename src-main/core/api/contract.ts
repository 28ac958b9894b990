// The one typed API between the renderer and everything behind it. Both hosts
// (Electron through the preload bridge, browser mode over a WebSocket) serve
// exactly these requests and push exactly these events.
import type { Topology } from './topology.js';
import type { NetfilterHook, PacketTrace, PacketTraceSummary, TraceHop } from './trace.js';
import type { BackendKind, CommandRecord, LabProgress, LabStatus, LeftoverLab, TerminalName } from './lab.js';
import type { LabFileView, PracticeScenario } from './practice.js';

export type { BackendKind, CommandRecord, LabProgress, LabStatus, TerminalName, Topology };
export type { NetfilterHook, PacketTrace, PacketTraceSummary, TraceHop };
export type { LabFileView, PracticeScenario };

// ---- course, chapters, steps ------------------------------------------------

/** As the navigation shows a step: not started, current, done, done with help. */
export type StepState = 'pending' | 'active' | 'done' | 'assisted';

export interface StepSummary {
  id: string;
  title: string;
  state: StepState;
}

export interface ChapterSummary {
  id: string;
  title: string;
  steps: StepSummary[];
  /** A chapter that failed to load shows this (`file:line:col: what is wrong`) instead of its lesson. */
  error?: string;
}

export interface CourseView {
  title: string;
  chapters: ChapterSummary[];
  /** Where the learner left off, to resume there. */
  resume?: { chapterId: string; stepId?: string };
}

/** A command the learner can click to type into a terminal, or copy. */
export interface RunnableCommand {
  terminal: TerminalName;
  command: string;
}

/** How the learner's prediction was judged, and why. */
export interface PredictionResult {
  correct: boolean;
  /** Position of the right choice, in the learner's own order. */
  answer: number;
  explanation: string;
}

export interface PredictionView {
  question: string;
  choices: string[];
  /** Position of the learner's answer once given. */
  answered?: number;
  /** Once answered: until then the step's commands, checklist, hints, solution and `afterPrediction` stay hidden. */
  result?: PredictionResult;
}

export interface StepView {
  id: string;
  title: string;
  /** The goal in one sentence. */
  goal: string;
  /** Markdown, with lab bindings already filled in. */
  narrative: string;
  /** Markdown shown once the prediction is answered: the paragraphs that would give its answer away. */
  afterPrediction?: string;
  commands: RunnableCommand[];
  /** How many hints exist; they are fetched one by one with `step.hint`. */
  hintCount: number;
  hintsShown: string[];
  prediction?: PredictionView;
  checks: CheckResult[];
  state: StepState;
}

export interface ChapterView {
  id: string;
  title: string;
  /** Markdown, with lab bindings already filled in. */
  narrative: string;
  /** The chapter's recap (Markdown, bindings filled in): shown once every step is done. */
  recap?: string;
  scenario: string;
  /** The terminals this chapter opens, in tab order. */
  terminals: TerminalName[];
  steps: StepView[];
}

export type CheckStatus = 'pass' | 'fail' | 'pending' | 'error';

export interface CheckResult {
  id: string;
  /** What the check looks for, in words. */
  label: string;
  status: CheckStatus;
  /** For a failed check: expected vs what was actually seen. */
  explanation?: string;
  /** For a check that could not finish: the reason. */
  message?: string;
  /** What the check expects, bindings filled in. */
  expected?: string;
  /** What was actually seen: the closest command and its output, the probe's output, the packets. */
  seen?: string;
  /** The check's own hint, offered when it did not pass. */
  hint?: string;
}

/** Pushed after every command the learner runs, for the steps it may have changed. */
export interface StepStatusEvent {
  chapterId: string;
  stepId: string;
  state: StepState;
  checks: CheckResult[];
}

// ---- challenges --------------------------------------------------------------

/** Not solved yet, solved unaided, or solved after hints. */
export type ChallengeState = 'unsolved' | 'solved' | 'assisted';

export interface ChallengeSummary {
  id: string;
  title: string;
  /** The scenario the challenge starts from. */
  scenario: string;
  state: ChallengeState;
  /** A challenge that failed to load shows this (`file:line:col: what is wrong`) instead. */
  error?: string;
}

export interface ChallengeView {
  id: string;
  title: string;
  /** The state to reach, bindings filled in from the challenge's own lab. */
  goal: string;
  /** Markdown, bindings filled in. */
  narrative: string;
  scenario: string;
  /** The lab machines the challenge is about, in tab order. */
  terminals: TerminalName[];
  hintCount: number;
  hintsShown: string[];
  state: ChallengeState;
  /** The checks as last graded in this lab; pending until the learner asks for a check. */
  checks: CheckResult[];
}

/** One grading of the lab against a challenge's state probes. */
export interface ChallengeVerdict {
  solved: boolean;
  state: ChallengeState;
  checks: CheckResult[];
}

// ---- terminals --------------------------------------------------------------

export interface TerminalInfo {
  /** Unique per open session; all terminal requests and events use it. */
  id: string;
  name: TerminalName;
  /** e.g. `root@c1 (net:[4026532256])`. */
  label: string;
  /** True while terminals are a plain line echo because no lab backend is available. */
  echoOnly: boolean;
}

// ---- progress and settings --------------------------------------------------

export interface ProgressSnapshot {
  chapters: Record<string, { steps: Record<string, { state: StepState; doneAt?: string }> }>;
  current?: { chapterId: string; stepId?: string };
}

export type ThemeName = 'light' | 'dark' | 'system';

export interface Settings {
  theme: ThemeName;
  fontSize: number;
  fontFamily: string;
  reducedMotion: boolean;
  /** xterm's screen reader mode: terminal rows in the accessibility tree, finished commands' output announced. */
  screenReaderMode: boolean;
  backend: BackendKind;
}

export const defaultSettings: Settings = {
  theme: 'system',
  fontSize: 14,
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  reducedMotion: false,
  screenReaderMode: false,
  backend: 'sim',
};

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  backends: BackendKind[];
  /** True while the simulator is not available and terminals only echo lines. */
  echoOnly: boolean;
  /** True while the lesson engine is not available. */
  lessonsUnavailable?: string;
}

// ---- the request map: method -> params -> result ----------------------------

export interface Requests {
  'app.info': { params: Record<string, never>; result: AppInfo };

  'course.get': { params: Record<string, never>; result: CourseView };
  /** Makes the chapter current, starts its scenario if another one runs, returns it with bindings filled in. */
  'chapter.open': { params: { chapterId: string }; result: ChapterView };
  'step.hint': { params: { chapterId: string; stepId: string }; result: { hint: string; index: number; remaining: number } };
  /** The solution as a lab script (`@TERM CMD`, `@TERM ^C`, `wait S`); the step then counts as done with help once its checks pass. */
  'step.solution': { params: { chapterId: string; stepId: string }; result: { script: string; commands: RunnableCommand[] } };
  'step.predict': {
    params: { chapterId: string; stepId: string; choice: number };
    result: PredictionResult;
  };

  'lab.status': { params: Record<string, never>; result: LabStatus };
  'lab.start': { params: { scenario?: string }; result: LabStatus };
  'lab.reset': { params: Record<string, never>; result: LabStatus };
  /** Disposes the running lab and starts the same scenario on the other backend; terminals reconnect. */
  'lab.switchBackend': { params: { backend: BackendKind }; result: LabStatus };
  /** Lab hosts earlier runs left on the Docker engine (none on the simulator). */
  'lab.leftovers': { params: Record<string, never>; result: LeftoverLab[] };
  /** Removes the given leftover lab hosts; returns those still left. */
  'lab.removeLeftovers': { params: { ids: string[] }; result: LeftoverLab[] };

  /** The scenarios practice mode offers, the learner's own lab last. */
  'practice.scenarios': { params: Record<string, never>; result: PracticeScenario[] };
  /** The learner's lab file (the starter when none is saved yet). */
  'labfile.get': { params: Record<string, never>; result: LabFileView };
  /** Checks a lab file without saving it. */
  'labfile.check': { params: { text: string }; result: LabFileView };
  /** Saves a lab file that passes its checks; one that does not is refused and the saved one kept. */
  'labfile.save': { params: { text: string }; result: LabFileView };
  /** The whole simulated lab as a file, to keep or load on another machine. */
  'snapshot.save': { params: Record<string, never>; result: { fileName: string; data: string } };
  /** Replaces the lab with a saved one; a file that cannot be loaded is refused and the lab left as it was. */
  'snapshot.load': { params: { data: string }; result: LabStatus };

  /** Every challenge in the course's order, with what the learner has solved. */
  'challenges.list': { params: Record<string, never>; result: ChallengeSummary[] };
  /** Starts the challenge's lab (its scenario, then its setup) and returns it with bindings filled in. */
  'challenge.open': { params: { challengeId: string }; result: ChallengeView };
  /** The next hint; the challenge then counts as solved with help. */
  'challenge.hint': { params: { challengeId: string }; result: { hint: string; index: number; remaining: number } };
  /** Grades the running lab by the challenge's state probes; all passing records it solved. */
  'challenge.check': { params: { challengeId: string }; result: ChallengeVerdict };
  /** Returns the lab to the challenge's start; what the learner solved is kept. */
  'challenge.reset': { params: { challengeId: string }; result: ChallengeView };

  'terminal.open': { params: { name: TerminalName; cols: number; rows: number }; result: TerminalInfo };
  'terminal.input': { params: { id: string; data: string }; result: void };
  'terminal.resize': { params: { id: string; cols: number; rows: number }; result: void };
  /** Characters the renderer has written to xterm (from its write callback), for flow control. */
  'terminal.ack': { params: { id: string; chars: number }; result: void };
  'terminal.close': { params: { id: string }; result: void };

  'topology.get': { params: Record<string, never>; result: Topology };
  'trace.list': { params: { limit?: number }; result: PacketTraceSummary[] };
  'trace.get': { params: { id: string }; result: PacketTrace };

  'progress.get': { params: Record<string, never>; result: ProgressSnapshot };
  'progress.reset': {
    params: { scope: 'step'; chapterId: string; stepId: string } | { scope: 'chapter'; chapterId: string } | { scope: 'all' };
    result: ProgressSnapshot;
  };
  /** The progress file's contents, to save wherever the learner wants. */
  'progress.export': { params: Record<string, never>; result: { fileName: string; data: string } };
  'progress.import': { params: { data: string }; result: ProgressSnapshot };

  'settings.get': { params: Record<string, never>; result: Settings };
  'settings.set': { params: Partial<Settings>; result: Settings };
}

export type RequestName = keyof Requests;
export type ParamsOf<M extends RequestName> = Requests[M]['params'];
export type ResultOf<M extends RequestName> = Requests[M]['result'];

// ---- the event map: event -> payload ------------------------------------------

export interface Events {
  /** Terminal output, batched (~5 ms) and subject to flow control (see terminal.ack). */
  'terminal.data': {
    id: string;
    data: Uint8Array;
    /**
     * After this output the shell's line editor waits at the end of its line,
     * where a printable key is echoed as itself: the renderer may show such a
     * key before its echo comes back. Absent where the session cannot tell.
     */
    echoesTyping?: boolean;
  };
  /** `lab-restart`: the lab restarted or switched backend; the renderer reopens the terminal once the lab is ready. */
  'terminal.exit': { id: string; exitCode: number; reason?: 'exited' | 'closed' | 'lab-restart' };
  'lab.status': LabStatus;
  'lab.progress': LabProgress;
  /** Every command run in any terminal, once it ended. */
  'lab.command': CommandRecord;
  'step.status': StepStatusEvent;
  /** The lab changed (a command ran, the lab restarted): refetch the topology. */
  'topology.changed': Record<string, never>;
  'trace.added': PacketTraceSummary;
  'progress.changed': ProgressSnapshot;
  'settings.changed': Settings;
}

export type EventName = keyof Events;

/** Every event name at run time (the preload forwards only these). */
export const eventNames = Object.keys({
  'terminal.data': true,
  'terminal.exit': true,
  'lab.status': true,
  'lab.progress': true,
  'lab.command': true,
  'step.status': true,
  'topology.changed': true,
  'trace.added': true,
  'progress.changed': true,
  'settings.changed': true,
} satisfies Record<EventName, true>) as EventName[];

/** What the renderer holds: the same interface whichever host serves it. */
export interface AppApi {
  invoke<M extends RequestName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** Flow-control thresholds, in characters, as VS Code's terminal uses them. */
export const flowControl = {
  highWatermarkChars: 100_000,
  lowWatermarkChars: 5_000,
  /** How long output is gathered before it is sent. */
  batchMs: 5,
} as const;

/** Error carried back to the caller of a request. */
export interface ApiError {
  code: 'invalid-params' | 'unknown-method' | 'failed' | 'unavailable';
  message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}
