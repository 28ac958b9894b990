// Waiting on a socket call the way a program does: until it completes, a
// timeout expires (curl -m, nc -w) or the user presses Ctrl-C.

export type Outcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'failed'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'interrupted' };

export interface WaitClock {
  now(): number;
  setTimer(ms: number, callback: () => void): number;
  clearTimer(id: number | undefined): void;
}

export interface WaitOptions {
  clock: WaitClock;
  /** Lab time at which to give up. */
  deadline?: number;
  /** Resolves on Ctrl-C. */
  interrupt?: Promise<void>;
}

export function waitFor<T>(promise: Promise<T>, options: WaitOptions): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: number | undefined;
    const finish = (outcome: Outcome<T>) => {
      if (settled) return;
      settled = true;
      options.clock.clearTimer(timer);
      resolve(outcome);
    };
    if (options.deadline !== undefined) {
      timer = options.clock.setTimer(Math.max(0, options.deadline - options.clock.now()), () => finish({ kind: 'timeout' }));
    }
    void options.interrupt?.then(() => finish({ kind: 'interrupted' }));
    promise.then(
      (value) => finish({ kind: 'done', value }),
      (error: unknown) => finish({ kind: 'failed', error }),
    );
  });
}
