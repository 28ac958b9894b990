// One thing the learner asked for at a time: what is under way is shown while
// it runs, and what went wrong stays shown until the next action.
import { app } from '../app-state.svelte.js';

export type Api = NonNullable<typeof app.api>;

export interface ActionState {
  busy: string | undefined;
  problem: string | undefined;
}

export async function runAction(state: ActionState, what: string, run: (api: Api) => Promise<void>): Promise<void> {
  const api = app.api;
  if (!api) return;
  state.busy = what;
  state.problem = undefined;
  try {
    await run(api);
  } catch (error) {
    state.problem = (error as Error).message;
  } finally {
    state.busy = undefined;
  }
}
