// Reads the course manifest and chapters, validates them against the JSON
// Schemas and the rules a schema cannot say (unique ids, references between
// checks, lab scripts, regular expressions), and reports each problem as
// `file:line:col: what is wrong`. A broken chapter never stops the others.
import { Ajv, type ValidateFunction } from 'ajv';
import { isScalar, Scalar } from 'yaml';
import { PositionedYaml, describePath, type YamlPath } from '../base/positioned-yaml.js';
import { findBindings, positionIn, withPlaceholders } from './bindings.js';
import type {
  BindingReference,
  BrokenChapter,
  Chapter,
  ChapterFrontMatter,
  Course,
  CourseManifest,
  Step,
  StepsFile,
} from './model.js';
import { chapterSchema, courseSchema, stepsSchema } from './schema.js';
import { parseLabScript } from './script.js';

/** Lesson files by path relative to the lessons folder (`course.yaml`, `chapters/<id>/steps.yaml`). */
export interface LessonSource {
  read(path: string): string | undefined;
}

/** Shown in error messages before each path, e.g. `lessons/`. */
const DISPLAY_ROOT = 'lessons/';

let validators: { course: ValidateFunction; chapter: ValidateFunction; steps: ValidateFunction } | undefined;
function schemaValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true });
    validators = {
      course: ajv.compile(courseSchema),
      chapter: ajv.compile(chapterSchema),
      steps: ajv.compile(stepsSchema),
    };
  }
  return validators;
}

/** A lesson file (path relative to the lessons folder) with the lessons' own positioned errors. */
export class YamlFile extends PositionedYaml {
  constructor(
    readonly path: string,
    text: string,
    lineOffset = 0,
  ) {
    super(DISPLAY_ROOT + path, text, lineOffset);
  }

  /** Error at a line of a lab script written as a `|` block (else at the script's start). */
  atScriptLine(path: YamlPath, scriptLine: number, message: string): string {
    const node = this.node(path);
    const start = node?.range?.[0] ?? 0;
    if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL) {
      const { line } = this.position(start);
      const sourceLine = this.text.split('\n')[line - this.lineOffset - 1 + scriptLine] ?? '';
      const col = sourceLine.length - sourceLine.trimStart().length + 1;
      return `${this.shownPath}:${line + scriptLine}:${col}: ${describePath(path)}${message}`;
    }
    return this.at(start, `${describePath(path)}${message}`);
  }

  /** Every `{{name}}` in the file's strings, with its position. */
  bindingRefs(): BindingReference[] {
    const refs: BindingReference[] = [];
    for (const use of findBindings(this.text)) {
      const { line, col } = this.position(use.index);
      refs.push({ name: use.name, file: this.shownPath, line, col });
    }
    return refs;
  }
}

export interface CourseLoadResult {
  /** Undefined when the manifest itself is broken. */
  course?: Course;
  /** Manifest errors, and every chapter's errors. */
  errors: string[];
}

export function loadCourse(source: LessonSource): CourseLoadResult {
  const path = 'course.yaml';
  const text = source.read(path);
  if (text === undefined) return { errors: [`${DISPLAY_ROOT}${path}:1:1: file not found`] };
  const file = new YamlFile(path, text);
  const manifestErrors = file.errors.length ? file.errors : file.schemaErrors(schemaValidators().course);
  if (manifestErrors.length) return { errors: manifestErrors };
  const manifest = file.doc.toJS() as CourseManifest;
  const errors: string[] = [];
  const chapters = manifest.chapters.map((id) => {
    const loaded = loadChapter(source, id);
    if ('errors' in loaded) {
      errors.push(...loaded.errors);
      return { id, broken: loaded };
    }
    return { id, chapter: loaded };
  });
  return { course: { id: manifest.id, title: manifest.title, description: manifest.description, chapters }, errors };
}

export function loadChapter(source: LessonSource, id: string): Chapter | BrokenChapter {
  const chapterPath = `chapters/${id}/chapter.md`;
  const stepsPath = `chapters/${id}/steps.yaml`;
  const markdown = source.read(chapterPath);
  const stepsText = source.read(stepsPath);
  const missing = [chapterPath, stepsPath].filter((p) => source.read(p) === undefined);
  if (markdown === undefined || stepsText === undefined) {
    return { id, errors: missing.map((p) => `${DISPLAY_ROOT}${p}:1:1: file not found (listed in course.yaml)`) };
  }

  const front = splitFrontMatter(markdown);
  if (!front) return { id, errors: [`${DISPLAY_ROOT}${chapterPath}:1:1: must start with YAML front matter between "---" lines`] };
  const frontFile = new YamlFile(chapterPath, front.yaml, 1);
  const stepsFile = new YamlFile(stepsPath, stepsText);
  const errors = [...frontFile.errors, ...stepsFile.errors];
  if (errors.length === 0) {
    errors.push(...frontFile.schemaErrors(schemaValidators().chapter), ...stepsFile.schemaErrors(schemaValidators().steps));
  }
  if (errors.length) return { id, errors };

  errors.push(...unclosedBindings(markdown, chapterPath), ...unclosedBindings(stepsText, stepsPath));
  if (errors.length) return { id, errors };

  const meta = frontFile.doc.toJS() as ChapterFrontMatter;
  const steps = (stepsFile.doc.toJS() as StepsFile).steps;
  if (meta.id !== id) errors.push(frontFile.atPath(['id'], `must equal the folder name "${id}"`));
  errors.push(...stepRuleErrors(steps, meta, stepsFile));
  if (errors.length) return { id, errors };

  const bodyRefs = findBindings(front.body).map((use) => {
    const { line, col } = positionIn(markdown, front.bodyOffset + use.index);
    return { name: use.name, file: DISPLAY_ROOT + chapterPath, line, col };
  });
  const { narrative, recap } = splitRecap(front.body);
  return {
    ...meta,
    narrative,
    recap,
    steps,
    bindingRefs: [...frontFile.bindingRefs(), ...bodyRefs, ...stepsFile.bindingRefs()],
  };
}

/** Errors for bindings the live lab does not provide; call once the lab is up. */
export function checkBindings(chapter: Chapter, known: Record<string, string>): string[] {
  return chapter.bindingRefs
    .filter((ref) => !(ref.name in known))
    .map((ref) => `${ref.file}:${ref.line}:${ref.col}: unknown binding {{${ref.name}}}`);
}

/** A `{{` with no `}}` after it on its line: a binding the learner would see unfilled. */
export function unclosedBindings(text: string, path: string): string[] {
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const open of line.matchAll(/\{\{/g)) {
      if (!line.includes('}}', open.index + 2)) {
        errors.push(`${DISPLAY_ROOT}${path}:${index + 1}:${open.index + 1}: "{{" is never closed with "}}" on this line`);
      }
    }
  });
  return errors;
}

/** The chapter's `## Recap` section (to its end or the next `## ` heading) apart from the introduction. */
function splitRecap(body: string): { narrative: string; recap?: string } {
  const heading = /^## Recap[ \t]*$/m.exec(body);
  if (!heading) return { narrative: body.trim() };
  const rest = body.slice(heading.index + heading[0].length);
  const next = /^## /m.exec(rest);
  const recap = (next ? rest.slice(0, next.index) : rest).trim();
  const narrative = `${body.slice(0, heading.index)}${next ? rest.slice(next.index) : ''}`.trim();
  return { narrative, recap };
}

function splitFrontMatter(markdown: string): { yaml: string; body: string; bodyOffset: number } | undefined {
  const open = /^---\r?\n/.exec(markdown);
  if (!open) return undefined;
  const close = /^---[ \t]*(\r?\n|$)/m;
  const rest = markdown.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return undefined;
  const bodyOffset = open[0].length + end.index + end[0].length;
  return { yaml: rest.slice(0, end.index), body: markdown.slice(bodyOffset), bodyOffset };
}

/** Rules the schema cannot express; `stepPath` says where each step sits in its file (a challenge is one step at the top). */
export function stepRuleErrors(
  steps: Step[],
  meta: Pick<ChapterFrontMatter, 'terminals'>,
  file: YamlFile,
  stepPath: (index: number) => Array<string | number> = (s) => ['steps', s],
): string[] {
  const errors: string[] = [];
  const terminals = new Set(meta.terminals);
  const seenSteps = new Set<string>();
  steps.forEach((step, s) => {
    const at = (path: Array<string | number>, message: string) => errors.push(file.atPath([...stepPath(s), ...path], message));
    if (seenSteps.has(step.id)) at(['id'], `step id "${step.id}" is used twice in this chapter`);
    seenSteps.add(step.id);

    const checkIds = new Map<string, string>();
    step.checks.forEach((check, c) => {
      if (checkIds.has(check.id)) at(['checks', c, 'id'], `check id "${check.id}" is used twice in this step`);
      checkIds.set(check.id, check.kind);
    });
    step.checks.forEach((check, c) => {
      const patterns: Array<[string, string | undefined]> =
        check.kind === 'transcript'
          ? [['command', check.command], ['output', check.output], ['notOutput', check.notOutput]]
          : check.kind === 'state'
            ? [['output', check.output], ['notOutput', check.notOutput]]
            : check.kind === 'traffic'
              ? [['packet', check.packet]]
              : [];
      for (const [field, pattern] of patterns) {
        const problem = pattern === undefined ? undefined : regexProblem(pattern);
        if (problem) at(['checks', c, field], `not a valid regular expression: ${problem}`);
      }
      if (check.kind === 'observed' && check.terminal && !terminals.has(check.terminal)) {
        at(['checks', c, 'terminal'], `terminal "${check.terminal}" is not among the chapter's terminals (${meta.terminals.join(', ')})`);
      }
      if (check.kind === 'state' && check.fact === undefined && (check.where !== undefined || check.absent !== undefined)) {
        at(['checks', c, 'where'], '`where` and `absent` need `fact`');
      }
      if (check.kind === 'transcript') {
        const command = regexProblem(check.command) ? undefined : new RegExp(withPlaceholders(check.command), 'm');
        check.accepts?.forEach((typed, i) => {
          if (command && !command.test(withPlaceholders(typed).trim())) at(['checks', c, 'accepts', i], `"${typed}" does not match the command pattern`);
        });
        if (check.terminal && !terminals.has(check.terminal)) {
          at(['checks', c, 'terminal'], `terminal "${check.terminal}" is not among the chapter's terminals (${meta.terminals.join(', ')})`);
        }
        for (const [relation, other] of Object.entries(check.order ?? {})) {
          if (other === check.id) at(['checks', c, 'order', relation], 'a check cannot be ordered against itself');
          else if (checkIds.get(other) !== 'transcript') {
            at(['checks', c, 'order', relation], `"${other}" is not a transcript check of this step`);
          }
        }
      }
      if (check.kind === 'traffic' && check.max !== undefined && check.max < (check.min ?? 1) && check.max !== 0) {
        at(['checks', c, 'max'], `max (${check.max}) is below min (${check.min ?? 1})`);
      }
      if (check.kind === 'traffic' && check.max === 0 && check.min !== undefined) {
        at(['checks', c, 'min'], 'max: 0 means no packet may be seen; drop min');
      }
    });

    step.commands?.forEach((command, i) => {
      if (!terminals.has(command.terminal)) at(['commands', i, 'terminal'], `terminal "${command.terminal}" is not among the chapter's terminals`);
    });
    if (step.prediction && step.prediction.answer >= step.prediction.choices.length) {
      at(['prediction', 'answer'], `answer ${step.prediction.answer} is past the last choice (choices count from 0)`);
    }
    if (step.afterPrediction !== undefined && !step.prediction) {
      at(['afterPrediction'], 'is shown once the prediction is answered, and this step asks none: move it into `narrative`');
    }
    errors.push(...scriptErrors(step.solution, [...stepPath(s), 'solution'], terminals, file));
    step.alternatives?.forEach((alternative, a) => {
      errors.push(...scriptErrors(alternative.solution, [...stepPath(s), 'alternatives', a, 'solution'], terminals, file));
    });
    step.mutants?.forEach((mutant, m) => {
      errors.push(...scriptErrors(mutant.solution, [...stepPath(s), 'mutants', m, 'solution'], terminals, file));
      mutant.fails.forEach((failure, f) => {
        if (!checkIds.has(failure.check)) at(['mutants', m, 'fails', f, 'check'], `no check "${failure.check}" in this step`);
        const problem = regexProblem(failure.explanation);
        if (problem) at(['mutants', m, 'fails', f, 'explanation'], `not a valid regular expression: ${problem}`);
      });
    });
  });
  return errors;
}

function scriptErrors(script: string, path: Array<string | number>, terminals: Set<string>, file: YamlFile): string[] {
  const { directives, problems } = parseLabScript(script);
  for (const d of directives) {
    if (d.kind !== 'wait' && !terminals.has(d.terminal)) {
      problems.push({ line: d.line, message: `terminal "${d.terminal}" is not among the chapter's terminals` });
    }
  }
  return problems.map((p) => file.atScriptLine(path, p.line, p.message));
}

/** Bindings stand in for plain text, so any placeholder keeps the pattern's shape. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(withPlaceholders(pattern), 'm');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
