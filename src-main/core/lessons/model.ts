import type { BackendKind, TerminalName } from '../api/lab.js';
import type { FactKind } from '../facts/model.js';

// The lesson format as authors write it (lessons/README.md explains it) and
// as the loader hands it to the engine. Strings may hold `{{name}}` bindings,
// filled from LabBackend.bindings() when the chapter runs.

/** lessons/course.yaml */
export interface CourseManifest {
  id: string;
  title: string;
  description?: string;
  /** Chapter ids in course order; each is the folder lessons/chapters/<id>/. */
  chapters: string[];
}

/** The front matter of lessons/chapters/<id>/chapter.md */
export interface ChapterFrontMatter {
  id: string;
  title: string;
  /** One sentence for the course navigation. */
  summary: string;
  /** The lab's starting state (a scenario name both backends know, e.g. `article-lab`). */
  scenario: string;
  /** Terminals the chapter opens, in tab order. */
  terminals: TerminalName[];
  /** Backends the chapter runs on; both when absent. */
  backends?: BackendKind[];
}

/** lessons/chapters/<id>/steps.yaml */
export interface StepsFile {
  steps: Step[];
}

export interface Step {
  /** Unique within the chapter; progress is stored under it. */
  id: string;
  /** One sentence: what the learner achieves. */
  goal: string;
  /** Markdown shown with the step; with a prediction, before it is answered, so it must not give the answer away. */
  narrative?: string;
  /** Markdown shown once the prediction is answered (needs `prediction`): what would give its answer away. */
  afterPrediction?: string;
  /** Commands the learner can click to run in a terminal, or copy. */
  commands?: RunnableCommand[];
  /** Asked before the learner runs the experiment; until answered, the commands, checks, hints and solution stay hidden. */
  prediction?: Prediction;
  /** Shown one at a time, least revealing first. */
  hints: string[];
  /** A lab script (`@TERM CMD`, `@TERM ^C`, `wait S`, `# comment`) that completes the step. */
  solution: string;
  checks: Check[];
  /** Common wrong answers that lesson CI proves the checks catch. */
  mutants?: Mutant[];
  /** Other correct ways to do the step (other formats, flags, tools) that lesson CI proves pass. */
  alternatives?: Alternative[];
}

export interface Alternative {
  /** The route in a few words ("iptables-save instead of -L"). */
  name: string;
  /** A lab script that completes the step another way. */
  solution: string;
}

export interface RunnableCommand {
  terminal: TerminalName;
  run: string;
  /** Why to run it, shown beside the button. */
  label?: string;
}

export interface Prediction {
  question: string;
  choices: string[];
  /** Index (from 0) of the right choice. */
  answer: number;
  /** Shown after the learner answers. */
  explanation: string;
}

export type Check = ObservedCheck | TranscriptCheck | StateCheck | TrafficCheck;
export type CheckKind = Check['kind'];

interface CheckBase {
  /** Unique within the step; mutants and order constraints name it. */
  id: string;
  /** What must be true, in words a learner understands ("c1 pinged the host's ens160 address"). */
  expect: string;
  /** Offered when this check fails. */
  hint: string;
}

/** How one command's run relates in time to another transcript check's command in the same step. */
export interface OrderConstraint {
  /** This command ran entirely while that check's command was running. */
  during?: string;
  /** This command started after that check's command ended. */
  after?: string;
  /** This command ended before that check's command started. */
  before?: string;
}

/** A field's wanted value: equal to it (bindings filled), or a number in a range. */
export type FieldExpectation = string | number | boolean | { min?: number; max?: number };

/** A fact a tool must have printed: its kind (core/facts/model.ts) and the fields that matter, by dotted path. */
export interface ExpectedFact {
  kind: FactKind;
  /** In the order a learner would fix them: the first that differs is the one an explanation names. */
  fields: Record<string, FieldExpectation>;
}

/**
 * A fact the learner saw: some command's real output showed it, printed by the
 * tool itself (not typed with echo, not a count of lines), in any format.
 */
export interface ObservedCheck extends CheckBase {
  kind: 'observed';
  /** Where the tool ran (a terminal, or the container `docker exec` entered); anywhere when absent. */
  terminal?: TerminalName;
  /** The fact kind, as core/facts names it. */
  fact: FactKind;
  /** Fields the fact must have. */
  where: Record<string, FieldExpectation>;
  /** Commands considered: since this step became current (default) or since the chapter's lab started. */
  since?: 'chapter' | 'step';
}

/** A command the learner ran (seen through shell integration) and what it printed. */
export interface TranscriptCheck extends CheckBase {
  kind: 'transcript';
  /** Terminal the command must run in; any terminal when absent. */
  terminal?: TerminalName;
  /** Regular expression the command line must match (bindings are regex-escaped). */
  command: string;
  /** Other ways a learner may type the command; the loader proves `command` matches each. */
  accepts?: string[];
  /** Regular expression the output must match (multiline: ^ and $ match at line ends). */
  output?: string;
  /** Regular expression the output must not match. */
  notOutput?: string;
  exitCode?: number;
  /** Commands considered: since this step became current (default) or since the chapter's lab started. */
  since?: 'chapter' | 'step';
  order?: OrderConstraint;
}

/** A probe command the engine runs in a hidden session, as a verify script would. */
export interface StateCheck extends CheckBase {
  kind: 'state';
  host: TerminalName;
  probe: string;
  /** A fact the probe's output must show (read as the probe's tool prints it), or with `absent` must not. */
  fact?: FactKind;
  where?: Record<string, FieldExpectation>;
  absent?: boolean;
  output?: string;
  notOutput?: string;
  exitCode?: number;
  /** Lab time the probe may take before the check reports it could not finish. Default 5000. */
  timeoutMs?: number;
}

/** Packets seen on an interface while the step was current. */
export interface TrafficCheck extends CheckBase {
  kind: 'traffic';
  host: TerminalName;
  iface: string;
  /** pcap filter, as tcpdump takes it. */
  filter?: string;
  /** Regular expression a packet line (as `tcpdump -n` prints it, without timestamp) must match. */
  packet: string;
  /** At least this many matching packets. Default 1. */
  min?: number;
  /** At most this many matching packets (0: none may be seen). */
  max?: number;
}

export interface Mutant {
  /** The wrong answer in a few words ("capture on ens160 instead of docker0"). */
  name: string;
  /** A lab script, like a step's solution. */
  solution: string;
  /** Checks that must fail, each with a regular expression its explanation must match. */
  fails: MutantFailure[];
}

export interface MutantFailure {
  check: string;
  explanation: string;
}

/** A position in a lesson file, 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** A `{{name}}` reference and where it was written. */
export interface BindingReference extends SourcePosition {
  name: string;
}

/** A chapter as the engine uses it. */
export interface Chapter extends ChapterFrontMatter {
  /** The chapter's introduction (Markdown body of chapter.md, without its recap). */
  narrative: string;
  /** The `## Recap` section of chapter.md, shown once every step is done. */
  recap?: string;
  steps: Step[];
  /** Every binding the chapter uses, with its position, to check once the lab is up. */
  bindingRefs: BindingReference[];
}

/** A chapter that failed to load: the app shows these errors where the chapter would be. */
export interface BrokenChapter {
  id: string;
  errors: string[];
}

export interface Course {
  id: string;
  title: string;
  description?: string;
  /** In course order; a broken chapter keeps its place. */
  chapters: Array<{ id: string; chapter?: Chapter; broken?: BrokenChapter }>;
}
