// Challenges: loaded from lessons/challenges/ with file:line:col errors, run
// as one step on the simulator with their setup applied at start and reset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { challengeSchemas } from '../../../src-main/core/lessons/challenge-schema.js';
import { chapterOf, loadChallenges, tryChallenge, verifyChallenge, type Challenge } from '../../../src-main/core/lessons/challenges.js';
import type { LessonSource } from '../../../src-main/core/lessons/loader.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';
import { createBackend } from '../../../src-main/node/backends.js';

const lessons = folderSource('lessons');

function memory(files: Record<string, string>): LessonSource {
  return { read: (path) => files[path] };
}

function challengeNamed(id: string): Challenge {
  const entry = loadChallenges(lessons).challenges.find((c) => c.id === id);
  if (!entry?.challenge) throw new Error(`challenge ${id} does not load`);
  return entry.challenge;
}

const minimal = (extra = '') => `id: one
title: One
goal: c1 reaches Host01.
scenario: article
terminals: [host, c1]
hints: [Try.]
solution: |
  @host true
checks:
  - id: reach
    kind: state
    host: c1
    probe: ping -c 1 {{host01.ip}}
    expect: c1 reaches Host01
    hint: Ping it.
alternatives:
  - { name: a, solution: '@host true' }
  - { name: b, solution: '@c1 true' }
mutants:
  - name: nothing
    solution: '@host true'
    fails: [{ check: reach, explanation: x }]
${extra}`;

describe('challenge files', () => {
  it('loads the ten challenges of the course, each judged by state probes with two other routes', () => {
    const { challenges, errors } = loadChallenges(lessons);
    expect(errors).toEqual([]);
    expect(challenges.length).toBeGreaterThanOrEqual(10);
    for (const id of ['publish-for-host02', 'isolate-c3', 'fix-masquerade', 'reach-without-publish']) {
      expect(challenges.map((c) => c.id)).toContain(id);
    }
    for (const { challenge } of challenges) {
      expect(challenge!.checks.every((c) => c.kind === 'state')).toBe(true);
      expect(challenge!.alternatives.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the schema copies under lessons/schema equal to the source', () => {
    for (const [name, schema] of Object.entries(challengeSchemas)) {
      expect(JSON.parse(readFileSync(`lessons/schema/${name}`, 'utf8'))).toEqual(schema);
    }
  });

  it('names the file, line and column of a mistake, and still loads the other challenges', () => {
    const { challenges, errors } = loadChallenges(
      memory({
        'challenges/challenges.yaml': 'challenges: [one, two, three]\n',
        'challenges/one/challenge.yaml': minimal(),
        'challenges/two/challenge.yaml': minimal('colour: red\n').replace('id: one', 'id: two'),
      }),
    );
    expect(challenges.map((c) => Boolean(c.challenge))).toEqual([true, false, false]);
    expect(errors).toContain('lessons/challenges/two/challenge.yaml:23:1: unknown field "colour"');
    expect(errors).toContain('lessons/challenges/three/challenge.yaml:1:1: file not found (listed in challenges/challenges.yaml)');
  });

  it('refuses transcript checks, a setup or probe on a terminal it does not open, and a script line for one', () => {
    const transcript = minimal().replace('kind: state\n    host: c1\n    probe: ping -c 1 {{host01.ip}}', 'kind: transcript\n    command: ^ping');
    expect(loadChallenges(memory({ 'challenges/challenges.yaml': 'challenges: [one]\n', 'challenges/one/challenge.yaml': transcript })).errors.join('\n')).toMatch(
      /challenge\.yaml:1\d:\d+: checks\[0\]/,
    );
    const elsewhere = minimal('setup:\n  - { on: host02, run: echo }\n').replace('host: c1', 'host: web').replace('@c1 true', '@host01 true');
    const { errors } = loadChallenges(memory({ 'challenges/challenges.yaml': 'challenges: [one]\n', 'challenges/one/challenge.yaml': elsewhere }));
    expect(errors).toEqual([
      'lessons/challenges/one/challenge.yaml:18:26: alternatives[1].solution: terminal "host01" is not among the chapter\'s terminals',
      'lessons/challenges/one/challenge.yaml:24:11: setup[0].on: terminal "host02" is not among the challenge\'s terminals',
      'lessons/challenges/one/challenge.yaml:12:11: checks[0].host: host "web" is not among the challenge\'s terminals',
    ]);
  });

  it('runs as a chapter of one step named goal', () => {
    const chapter = chapterOf(challengeNamed('isolate-c3'));
    expect(chapter.steps.map((s) => s.id)).toEqual(['goal']);
    expect(chapter.steps[0].checks.map((c) => c.id)).toEqual(['c3-not-host01', 'c3-not-host02', 'c1-reaches-host01']);
  });
});

describe('challenges on the simulator', () => {
  it('starts fix-masquerade broken, and a learner who only looks has not solved it', { timeout: 60_000 }, async () => {
    const backend = createBackend('sim');
    try {
      const report = await tryChallenge(challengeNamed('fix-masquerade'), backend, '@host iptables -t nat -S POSTROUTING\n');
      expect(report.solved).toBe(false);
      expect(report.checks.map((c) => [c.id, c.passed])).toEqual([
        ['c1-reaches-host01', false],
        ['c3-reaches-host02', false],
      ]);
      expect(report.checks[0].explanation).toMatch(/replies received is 0, not at least 1[\s\S]*\nHint: Host01 must see the host's address 172\.16\.211\.128 as the source\.$/);
    } finally {
      await backend.dispose();
    }
  });

  it('proves find-the-drop: its setup rebuilt after every reset, solution and other routes solve it, mutants fail', { timeout: 120_000 }, async () => {
    const backend = createBackend('sim');
    try {
      const verdict = await verifyChallenge(challengeNamed('find-the-drop'), backend);
      expect(verdict.failures).toEqual([]);
      expect([verdict.checks, verdict.mutants, verdict.alternatives]).toEqual([3, 3, 2]);
    } finally {
      await backend.dispose();
    }
  });

  it('fails lesson CI when a mutant is not caught or a check is targeted by none', { timeout: 60_000 }, async () => {
    const challenge = challengeNamed('isolate-c3');
    const weakened: Challenge = {
      ...challenge,
      // The whole bridge blocked: c3 is cut off too, so only c1's check catches it, and no mutant targets the others.
      mutants: [{ ...challenge.mutants[2], fails: [{ check: 'c3-not-host01', explanation: 'x' }] }],
    };
    const backend = createBackend('sim');
    try {
      const { failures } = await verifyChallenge(weakened, backend);
      expect(failures).toEqual([
        'lessons/challenges/isolate-c3/challenge.yaml: check c3-not-host02 is not targeted by any mutant, so nothing proves it can fail',
        'lessons/challenges/isolate-c3/challenge.yaml: check c1-reaches-host01 is not targeted by any mutant, so nothing proves it can fail',
        expect.stringMatching(/^isolate-c3: step goal: mutant "the whole bridge blocked": check c3-not-host01 passed but should fail/),
      ]);
    } finally {
      await backend.dispose();
    }
  });
});
