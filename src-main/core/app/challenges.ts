// Challenges as the renderer sees them: the list with what the learner has
// solved, one challenge's goal and hints with lab bindings filled in, and a
// check on demand that grades the running lab by the challenge's state probes
// only (never by what was typed). Progress goes through the course's tracker,
// so it is saved, exported and imported with the rest.
import { ApiRequestError, type ChallengeSummary, type ChallengeVerdict, type ChallengeView } from '../api/contract.js';
import type { LabBackend } from '../lab/backend.js';
import { loadChallenges, type Challenge, type ChallengesLoadResult } from '../lessons/challenges.js';
import { evaluateState, type WallTimer } from '../lessons/checks/state.js';
import type { LessonSource } from '../lessons/loader.js';
import { challengeState } from '../lessons/progress.js';
import type { CheckOutcome } from '../lessons/results.js';
import type { ProgressTracker } from '../lessons/tracker.js';
import { bind } from './course.js';

export class ChallengeController {
  private readonly loaded: ChallengesLoadResult;
  /** The last grading per challenge, for the lab that is running now. */
  private readonly graded = new Map<string, CheckOutcome[]>();

  constructor(
    lessons: LessonSource | undefined,
    private readonly tracker: ProgressTracker,
    private readonly timer: WallTimer,
  ) {
    this.loaded = lessons ? loadChallenges(lessons) : { challenges: [], errors: [] };
  }

  list(): ChallengeSummary[] {
    return this.loaded.challenges.map(({ id, challenge, broken }) => ({
      id,
      title: challenge?.title ?? id,
      scenario: challenge?.scenario ?? '',
      state: challengeState(this.tracker.progress, id),
      error: broken?.errors.join('\n'),
    }));
  }

  challenge(challengeId: string): Challenge {
    const entry = this.loaded.challenges.find((c) => c.id === challengeId);
    if (!entry) throw new ApiRequestError('failed', `no challenge ${challengeId}`);
    if (!entry.challenge) throw new ApiRequestError('failed', entry.broken?.errors.join('\n') ?? `challenge ${challengeId} is broken`);
    return entry.challenge;
  }

  view(challengeId: string, bindings: Record<string, string>): ChallengeView {
    const challenge = this.challenge(challengeId);
    const shown = this.tracker.progress.challenges[challengeId]?.hintsShown ?? 0;
    return {
      id: challenge.id,
      title: challenge.title,
      goal: bind(challenge.goal, bindings),
      narrative: bind(challenge.narrative ?? '', bindings),
      scenario: challenge.scenario,
      terminals: challenge.terminals,
      hintCount: challenge.hints.length,
      hintsShown: challenge.hints.slice(0, shown).map((hint) => bind(hint, bindings)),
      state: challengeState(this.tracker.progress, challengeId),
      checks:
        this.graded.get(challengeId) ??
        challenge.checks.map((check) => ({ id: check.id, label: bind(check.expect, bindings), status: 'pending' as const })),
    };
  }

  hint(challengeId: string, bindings: Record<string, string>): { hint: string; index: number; remaining: number } {
    const { hints } = this.challenge(challengeId);
    const shown = this.tracker.progress.challenges[challengeId]?.hintsShown ?? 0;
    const index = Math.min(shown, hints.length - 1);
    if (shown < hints.length) this.tracker.challengeHintShown(challengeId);
    return { hint: bind(hints[index], bindings), index, remaining: hints.length - index - 1 };
  }

  /** Runs every state probe against the lab; when all pass the challenge is recorded solved. */
  async check(challengeId: string, backend: LabBackend, bindings: Record<string, string>): Promise<ChallengeVerdict> {
    const challenge = this.challenge(challengeId);
    const checks = await Promise.all(challenge.checks.map((check) => evaluateState(check, backend, bindings, this.timer)));
    this.graded.set(challengeId, checks);
    const solved = checks.every((check) => check.status === 'pass');
    if (solved) this.tracker.challengeSolved(challengeId);
    return { solved, state: challengeState(this.tracker.progress, challengeId), checks };
  }

  /** The lab restarted: earlier gradings no longer describe it. */
  labChanged(): void {
    this.graded.clear();
  }
}
