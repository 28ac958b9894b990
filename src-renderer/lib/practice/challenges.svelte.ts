// The challenges panel's state: the list with what the learner has solved,
// the challenge picked (its lab running), its hints, and the last grading of
// the lab by the challenge's state probes. Solved state comes from the saved
// progress, so it outlives a reload.
import type { ChallengeSummary, ChallengeView } from '../../../src-main/core/api/contract.js';
import { announcer } from '../a11y/announcer.svelte.js';
import { app } from '../app-state.svelte.js';
import { runAction, type Api } from './action.js';

/** The address names the challenge that runs, so a reload opens it again. */
export const CHALLENGE_PARAM = 'challenge';

class Challenges {
  list = $state<ChallengeSummary[]>([]);
  /** The challenge whose lab runs, as last graded. */
  current = $state<ChallengeView | undefined>(undefined);
  busy = $state<string | undefined>(undefined);
  problem = $state<string | undefined>(undefined);
  private unsubscribe: Array<() => void> = [];

  async connect(): Promise<void> {
    const api = app.api;
    if (!api) return;
    this.unsubscribe = [
      api.on('progress.changed', () => void this.refreshList()),
      // The lab is changing: earlier gradings no longer describe it.
      api.on('lab.status', (status) => {
        if (status.phase === 'starting' && this.current) this.current = { ...this.current, checks: this.current.checks.map((c) => ({ id: c.id, label: c.label, status: 'pending' })) };
      }),
    ];
    await this.refreshList();
  }

  disconnect(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  /** Starts the challenge's lab from its start. */
  open(challengeId: string): Promise<void> {
    return this.act('Starting the challenge…', async (api) => {
      this.current = await api.invoke('challenge.open', { challengeId });
      remember(challengeId);
    });
  }

  /** The lab no longer belongs to a challenge (another scenario, a loaded snapshot). */
  leave(): void {
    this.current = undefined;
    this.problem = undefined;
    remember(undefined);
  }

  hint(): Promise<void> {
    const current = this.current;
    if (!current) return Promise.resolve();
    return this.act('Fetching a hint…', async (api) => {
      const { hint } = await api.invoke('challenge.hint', { challengeId: current.id });
      if (this.current?.id === current.id) this.current = { ...this.current, hintsShown: [...this.current.hintsShown, hint] };
    });
  }

  check(): Promise<void> {
    const current = this.current;
    if (!current) return Promise.resolve();
    return this.act('Checking the lab…', async (api) => {
      const verdict = await api.invoke('challenge.check', { challengeId: current.id });
      if (this.current?.id !== current.id) return;
      this.current = { ...this.current, state: verdict.state, checks: verdict.checks };
      const failing = verdict.checks.filter((c) => c.status !== 'pass').length;
      announcer.announce(verdict.solved ? `${current.title}: solved.` : `${current.title}: not solved yet, ${failing} of ${verdict.checks.length} checks do not pass.`);
    });
  }

  reset(): Promise<void> {
    const current = this.current;
    if (!current) return Promise.resolve();
    return this.act('Resetting to the challenge’s start…', async (api) => {
      this.current = await api.invoke('challenge.reset', { challengeId: current.id });
    });
  }

  private async refreshList(): Promise<void> {
    const list = await app.api?.invoke('challenges.list', {});
    if (list) this.list = list;
  }

  private act(what: string, run: (api: Api) => Promise<void>): Promise<void> {
    return runAction(this, what, run);
  }
}

function remember(challengeId: string | undefined): void {
  const url = new URL(window.location.href);
  if (challengeId) url.searchParams.set(CHALLENGE_PARAM, challengeId);
  else url.searchParams.delete(CHALLENGE_PARAM);
  window.history.replaceState(null, '', url);
}

export const challenges = new Challenges();
