// Challenges through the API on the simulated lab: the list with solved
// state, a challenge's lab started with its setup, grading by state probes
// on demand (unsolved with an explanation, then solved by typed commands),
// hints counted as help, reset back to the challenge's start.
import { describe, expect, it } from 'vitest';
import type { ChallengeSummary, ChallengeVerdict, ChallengeView, EventName, Events } from '../../../src-main/core/api/contract.js';
import { ApiRequestError } from '../../../src-main/core/api/contract.js';
import { AppService } from '../../../src-main/core/app/service.js';
import { emptyProgress, type Progress } from '../../../src-main/core/lessons/progress.js';
import { createBackend } from '../../../src-main/node/backends.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';

function challengeService(saved: Progress[]): AppService {
  return new AppService({
    host: 'web',
    version: '0.0.0-test',
    scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    createBackend: (kind) => createBackend(kind),
    backends: ['sim'],
    lessons: folderSource('lessons'),
    progress: { initial: emptyProgress(), store: { save: async (progress) => void saved.push(progress) } },
    defaultScenario: 'fresh',
    wallClock: () => new Date(0).toISOString(),
  });
}

/** Types a command into a terminal on the lab and waits until the lab reports it ended. */
async function typeCommand(service: AppService, events: Array<{ event: EventName; payload: unknown }>, terminal: string, command: string) {
  const { id } = (await service.handle('terminal.open', { name: terminal, cols: 120, rows: 30 })) as { id: string };
  const seen = events.length;
  await service.handle('terminal.input', { id, data: `${command}\r` });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ended = events.slice(seen).find((e) => e.event === 'lab.command' && (e.payload as Events['lab.command']).command === command);
    if (ended) return ended.payload as Events['lab.command'];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`\`${command}\` did not end on ${terminal}`);
}

describe('challenges through the API', () => {
  it('lists every challenge unsolved, grades fix-masquerade as unsolved with an explanation, then solved once typed, and reset breaks it again', async () => {
    const saved: Progress[] = [];
    const service = challengeService(saved);
    const events: Array<{ event: EventName; payload: unknown }> = [];
    service.onEvent(<E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }));
    try {
      const list = (await service.handle('challenges.list', {})) as ChallengeSummary[];
      expect(list).toHaveLength(10);
      expect(list.map((c) => c.id)).toContain('fix-masquerade');
      expect(list.every((c) => c.state === 'unsolved' && c.error === undefined)).toBe(true);

      const view = (await service.handle('challenge.open', { challengeId: 'fix-masquerade' })) as ChallengeView;
      expect(view).toMatchObject({ id: 'fix-masquerade', scenario: 'article', state: 'unsolved', hintCount: 3, hintsShown: [] });
      expect(view.checks.map((c) => c.status)).toEqual(['pending', 'pending']);
      expect(await service.handle('lab.status', {})).toMatchObject({ phase: 'ready', scenario: 'article' });

      const before = (await service.handle('challenge.check', { challengeId: 'fix-masquerade' })) as ChallengeVerdict;
      expect(before.solved).toBe(false);
      const c1 = before.checks.find((c) => c.id === 'c1-reaches-host01')!;
      expect(c1.status).toBe('fail');
      expect(c1.explanation).toMatch(/received|0 received/);

      const fix = 'iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';
      expect(await typeCommand(service, events, 'host', fix)).toMatchObject({ exitCode: 0 });

      const after = (await service.handle('challenge.check', { challengeId: 'fix-masquerade' })) as ChallengeVerdict;
      expect(after.checks.map((c) => [c.id, c.status])).toEqual([
        ['c1-reaches-host01', 'pass'],
        ['c3-reaches-host02', 'pass'],
      ]);
      expect(after).toMatchObject({ solved: true, state: 'solved' });
      expect(saved.at(-1)?.challenges['fix-masquerade']?.solvedAt).toBeDefined();
      const listed = (await service.handle('challenges.list', {})) as ChallengeSummary[];
      expect(listed.find((c) => c.id === 'fix-masquerade')?.state).toBe('solved');

      // Reset: the setup runs again, so the rule is gone; what was solved stays solved.
      const reset = (await service.handle('challenge.reset', { challengeId: 'fix-masquerade' })) as ChallengeView;
      expect(reset.state).toBe('solved');
      expect(reset.checks.every((c) => c.status === 'pending')).toBe(true);
      const again = (await service.handle('challenge.check', { challengeId: 'fix-masquerade' })) as ChallengeVerdict;
      expect(again.solved).toBe(false);
      expect(again.state).toBe('solved');
    } finally {
      await service.dispose();
    }
  }, 60_000);

  it('gives hints one by one, counts them as help, and grades only the challenge that runs', async () => {
    const saved: Progress[] = [];
    const service = challengeService(saved);
    try {
      await service.handle('challenge.open', { challengeId: 'fix-masquerade' });
      const first = (await service.handle('challenge.hint', { challengeId: 'fix-masquerade' })) as { hint: string; index: number; remaining: number };
      expect(first).toMatchObject({ index: 0, remaining: 2 });
      expect(first.hint).not.toContain('{{');
      const view = (await service.handle('challenge.reset', { challengeId: 'fix-masquerade' })) as ChallengeView;
      expect(view.hintsShown).toEqual([first.hint]);
      expect(saved.at(-1)?.challenges['fix-masquerade']?.hintsShown).toBe(1);

      await expect(service.handle('challenge.check', { challengeId: 'isolate-c3' })).rejects.toThrow(/not the challenge isolate-c3/);
      await expect(service.handle('challenge.open', { challengeId: 'no-such-challenge' })).rejects.toThrow(/no challenge no-such-challenge/);
      await expect(service.handle('challenge.check', {})).rejects.toMatchObject({ code: 'invalid-params' });
      await expect(service.handle('challenge.hint', { challengeId: 7 })).rejects.toBeInstanceOf(ApiRequestError);

      // A plain scenario started over the challenge's lab is no challenge any more.
      await service.handle('lab.start', { scenario: 'article' });
      await expect(service.handle('challenge.check', { challengeId: 'fix-masquerade' })).rejects.toThrow(/open the challenge first/);
    } finally {
      await service.dispose();
    }
  }, 60_000);
});
