import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBindings, loadChapter, loadCourse, type LessonSource } from '../../../src-main/core/lessons/loader.js';
import type { Chapter } from '../../../src-main/core/lessons/model.js';
import { lessonSchemas } from '../../../src-main/core/lessons/schema.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';

const FRONT = `---
id: demo
title: Demo
summary: A demo chapter.
scenario: article
terminals: [host, c1]
---

Intro with {{c1.ip}}.
`;

const STEPS = `steps:
  - id: one
    goal: Ping the host.
    hints: [Ping it.]
    solution: |
      @c1 ping -c 1 {{host.ip}}
    checks:
      - id: pinged
        kind: transcript
        terminal: c1
        command: ^ping .*{{host.ip}}
        output: 1 received
        expect: a ping
        hint: Ping.
`;

function source(files: Record<string, string>): LessonSource {
  return { read: (path) => files[path] };
}

function chapterFiles(steps: string, front = FRONT) {
  return source({
    'course.yaml': 'id: c\ntitle: C\nchapters: [demo]\n',
    'chapters/demo/chapter.md': front,
    'chapters/demo/steps.yaml': steps,
  });
}

function errorsOf(steps: string, front = FRONT): string[] {
  const loaded = loadChapter(chapterFiles(steps, front), 'demo');
  return 'errors' in loaded ? loaded.errors : [];
}

describe('lesson loader', () => {
  it('loads a valid chapter with its narrative, steps and binding positions', () => {
    const loaded = loadChapter(chapterFiles(STEPS), 'demo') as Chapter;
    expect(loaded.steps.map((s) => s.id)).toEqual(['one']);
    expect(loaded.narrative).toBe('Intro with {{c1.ip}}.');
    expect(loaded.terminals).toEqual(['host', 'c1']);
    expect(loaded.bindingRefs).toEqual([
      { name: 'c1.ip', file: 'lessons/chapters/demo/chapter.md', line: 9, col: 12 },
      { name: 'host.ip', file: 'lessons/chapters/demo/steps.yaml', line: 6, col: 21 },
      { name: 'host.ip', file: 'lessons/chapters/demo/steps.yaml', line: 11, col: 26 },
    ]);
  });

  it('names file, line and column of a misspelt field', () => {
    const errors = errorsOf(STEPS.replace('output: 1 received', 'result: 1 received'));
    expect(errors).toEqual(['lessons/chapters/demo/steps.yaml:12:9: steps[0].checks[0]: unknown field "result"']);
  });

  it('names a missing required field at its object', () => {
    const errors = errorsOf(STEPS.replace('        hint: Ping.\n', ''));
    expect(errors).toEqual(["lessons/chapters/demo/steps.yaml:8:9: steps[0].checks[0]: must have required property 'hint'"]);
  });

  it('rejects an unknown check kind', () => {
    const errors = errorsOf(STEPS.replace('kind: transcript', 'kind: vibes'));
    expect(errors.join('\n')).toMatch(/steps\.yaml:9:\d+: steps\[0\]\.checks\[0\]\.kind: .*transcript, state, traffic/);
  });

  it('reports YAML syntax errors with their position', () => {
    const errors = errorsOf(STEPS.replace('output: 1 received', 'output: a: b'));
    expect(errors[0]).toMatch(/^lessons\/chapters\/demo\/steps\.yaml:12:\d+: /);
  });

  it('rejects an invalid regular expression at its field', () => {
    const errors = errorsOf(STEPS.replace('output: 1 received', 'output: (1 received'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^lessons\/chapters\/demo\/steps\.yaml:12:17: steps\[0\]\.checks\[0\]\.output: not a valid regular expression/);
  });

  it('points at the solution line that uses a terminal the chapter does not open', () => {
    const errors = errorsOf(STEPS.replace('@c1 ping', '@web ping'));
    expect(errors).toEqual([
      'lessons/chapters/demo/steps.yaml:6:7: steps[0].solution: terminal "web" is not among the chapter\'s terminals',
    ]);
  });

  it('rejects a malformed solution directive', () => {
    const errors = errorsOf(STEPS.replace('@c1 ping -c 1 {{host.ip}}', '@c1 ping -c 1 {{host.ip}}\n      sleep 3'));
    expect(errors).toEqual([expect.stringMatching(/steps\.yaml:7:7: steps\[0\]\.solution: expected '@TERM COMMAND', '@TERM \^C', 'wait SECONDS' or '# comment', got 'sleep 3'$/)]);
  });

  it('rejects duplicate step and check ids, bad order references and mutant references', () => {
    const doubled = STEPS + STEPS.split('\n').slice(1).join('\n');
    expect(errorsOf(doubled)).toEqual([expect.stringMatching(/steps\.yaml:15:9: steps\[1\]\.id: step id "one" is used twice/)]);
    const ordered = STEPS.replace('        hint: Ping.\n', '        hint: Ping.\n        order: { during: nope }\n');
    expect(errorsOf(ordered)).toEqual([expect.stringMatching(/order\.during: "nope" is not a transcript check of this step/)]);
    const mutant = `${STEPS}    mutants:\n      - name: wrong\n        solution: '@host ping x'\n        fails: [{ check: ghost, explanation: x }]\n`;
    expect(errorsOf(mutant)).toEqual([expect.stringMatching(/steps\.yaml:18:26: steps\[0\]\.mutants\[0\]\.fails\[0\]\.check: no check "ghost"/)]);
  });

  it('proves the command pattern accepts the other ways to type it', () => {
    const accepts = STEPS.replace('        output: 1 received', "        accepts: ['ping {{host.ip}}', 'ping -c1 {{host.ip}}', 'ping -n {{host.ip}}']\n        output: 1 received");
    expect(errorsOf(accepts)).toEqual([]);
    const strict = accepts.replace('^ping .*{{host.ip}}', '^ping -c \\d+ {{host.ip}}$');
    expect(errorsOf(strict)).toEqual([
      'lessons/chapters/demo/steps.yaml:12:19: steps[0].checks[0].accepts[0]: "ping {{host.ip}}" does not match the command pattern',
      'lessons/chapters/demo/steps.yaml:12:39: steps[0].checks[0].accepts[1]: "ping -c1 {{host.ip}}" does not match the command pattern',
      'lessons/chapters/demo/steps.yaml:12:63: steps[0].checks[0].accepts[2]: "ping -n {{host.ip}}" does not match the command pattern',
    ]);
  });

  it('rejects a prediction answer past the last choice', () => {
    const withPrediction = STEPS.replace(
      '    hints:',
      '    prediction:\n      question: Q?\n      choices: [a, b]\n      answer: 2\n      explanation: E.\n    hints:',
    );
    expect(errorsOf(withPrediction)).toEqual([expect.stringMatching(/steps\.yaml:7:15: steps\[0\]\.prediction\.answer: answer 2 is past/)]);
  });

  it('requires front matter whose id matches the folder', () => {
    expect(errorsOf(STEPS, FRONT.replace('id: demo', 'id: other'))).toEqual([
      'lessons/chapters/demo/chapter.md:2:5: id: must equal the folder name "demo"',
    ]);
    expect(errorsOf(STEPS, 'no front matter')).toEqual([expect.stringMatching(/chapter\.md:1:1: must start with YAML front matter/)]);
  });

  it('leaves Go templates alone and reports unknown bindings once the lab is known', () => {
    const steps = STEPS.replace('@c1 ping -c 1 {{host.ip}}', "@c1 docker inspect -f '{{.State.Pid}} {{end}}' {{c9.ip}}");
    const chapter = loadChapter(chapterFiles(steps), 'demo') as Chapter;
    expect(chapter.bindingRefs.map((r) => r.name)).toEqual(['c1.ip', 'c9.ip', 'host.ip']);
    expect(checkBindings(chapter, { 'c1.ip': '172.17.0.2', 'host.ip': '172.16.211.128' })).toEqual([
      'lessons/chapters/demo/steps.yaml:6:54: unknown binding {{c9.ip}}',
    ]);
  });

  it('keeps a broken chapter in its place and loads the others', () => {
    const files = chapterFiles(STEPS);
    const result = loadCourse({
      read: (p) => (p === 'course.yaml' ? 'id: c\ntitle: C\nchapters: [demo, gone]\n' : files.read(p)),
    });
    expect(result.course?.chapters.map((c) => [c.id, Boolean(c.chapter), c.broken?.errors.length ?? 0])).toEqual([
      ['demo', true, 0],
      ['gone', false, 2],
    ]);
    expect(result.errors[0]).toBe('lessons/chapters/gone/chapter.md:1:1: file not found (listed in course.yaml)');
  });

  it('reports a broken manifest without loading any chapter', () => {
    const result = loadCourse(source({ 'course.yaml': 'id: c\ntitle: C\nchapters: [demo, demo]\nauthor: me\n' }));
    expect(result.course).toBeUndefined();
    expect(result.errors).toEqual([
      'lessons/course.yaml:4:1: unknown field "author"',
      'lessons/course.yaml:3:11: chapters: must NOT have duplicate items (items ## 1 and 0 are identical)',
    ]);
    expect(loadCourse(source({})).errors).toEqual(['lessons/course.yaml:1:1: file not found']);
  });

  it('loads the real course without errors', () => {
    const result = loadCourse(folderSource('lessons'));
    expect(result.errors).toEqual([]);
    expect(result.course?.chapters.length).toBeGreaterThan(0);
  });

  it('keeps the editor schema files equal to the schemas the loader uses', () => {
    for (const [name, schema] of Object.entries(lessonSchemas)) {
      expect(JSON.parse(readFileSync(`lessons/schema/${name}`, 'utf8')), name).toEqual(schema);
    }
  });
});
