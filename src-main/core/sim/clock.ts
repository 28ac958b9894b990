// Virtual lab time. Nothing in the simulator reads the wall clock: time only
// moves when the caller advances it, so the same input gives the same output.

export type TimerId = number;

interface Timer {
  readonly id: TimerId;
  readonly due: number;
  /** Tie-breaker so timers due at the same time fire in the order they were set. */
  readonly order: number;
  fire(): void;
}

/** A timer that calls its callback with the arguments it was set with (no closure per timer). */
class CallbackTimer<A extends unknown[]> implements Timer {
  constructor(
    readonly id: TimerId,
    readonly due: number,
    readonly order: number,
    private readonly callback: (...args: A) => void,
    private readonly args: A,
  ) {}

  fire(): void {
    this.callback(...this.args);
  }
}

/** Lets queued promise jobs run: a macrotask boundary drains every microtask. */
function yieldToPendingJobs(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; setTimeout?: (cb: () => void, ms: number) => unknown };
  return new Promise((resolve) => {
    if (g.setImmediate) g.setImmediate(resolve);
    else if (g.setTimeout) g.setTimeout(resolve, 0);
    else void Promise.resolve().then(resolve);
  });
}

/** A binary min-heap of timers by (due, order). */
class TimerHeap {
  private items: Timer[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Timer | undefined {
    return this.items[0];
  }
  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.order < b.order);
}

export interface ClockOptions {
  /** Wall-clock time (Unix ms, UTC) that lab time 0 stands for; tcpdump and logs print it. */
  epochMs?: number;
}

/** 2026-11-26 14:51:00 UTC, an afternoon like the article's captures. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 26, 14, 51, 0);

export class Clock {
  readonly epochMs: number;
  private current = 0;
  private nextId = 1;
  private nextOrder = 0;
  private readonly heap = new TimerHeap();
  private readonly timers = new Map<TimerId, Timer>();
  /** Errors thrown by timer callbacks, kept for tests and diagnostics. */
  readonly failures: unknown[] = [];

  constructor(options: ClockOptions = {}) {
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  }

  /** Lab time in milliseconds (fractions are microseconds and below). */
  now(): number {
    return this.current;
  }

  /** Wall-clock time the lab pretends it is, in Unix milliseconds. */
  wallTimeMs(): number {
    return this.epochMs + this.current;
  }

  /**
   * Runs `callback(...args)` once `ms` of lab time have passed (0 = at the
   * current time, after what is already due). Passing arguments instead of a
   * closure keeps per-packet timers cheap.
   */
  setTimer<A extends unknown[]>(ms: number, callback: (...args: A) => void, ...args: A): TimerId {
    const id = this.nextId++;
    const timer = new CallbackTimer(id, this.current + Math.max(0, ms), this.nextOrder++, callback, args);
    this.heap.push(timer);
    this.timers.set(id, timer);
    return id;
  }

  clearTimer(id: TimerId | undefined): void {
    if (id === undefined) return;
    this.timers.delete(id);
  }

  /** Lab time at which the timer fires, if it is still pending. */
  dueTime(id: TimerId): number | undefined {
    return this.timers.get(id)?.due;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve as () => void));
  }

  /** Number of pending timers. */
  get pending(): number {
    return this.timers.size;
  }

  /** Due time of the earliest pending timer. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.due;
  }

  /**
   * Moves time forward by `ms`, firing every timer due on the way in time
   * order; between timers it lets pending promise jobs run, so commands that
   * `await clock.sleep()` continue (and set their next timers) at the right time.
   */
  async advance(ms: number): Promise<void> {
    await this.runTo(this.current + Math.max(0, ms));
  }

  /**
   * Fires timers until none are left or `limitMs` of lab time have passed.
   * Returns the lab time that passed.
   */
  async runUntilIdle(limitMs: number): Promise<number> {
    const start = this.current;
    const limit = start + Math.max(0, limitMs);
    await yieldToPendingJobs();
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > limit) break;
      await this.fireNext();
    }
    return this.current - start;
  }

  private async runTo(target: number): Promise<void> {
    await yieldToPendingJobs();
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > target) break;
      await this.fireNext();
    }
    this.current = Math.max(this.current, target);
    await yieldToPendingJobs();
  }

  private async fireNext(): Promise<void> {
    const timer = this.heap.pop();
    if (!timer) return;
    this.timers.delete(timer.id);
    this.current = Math.max(this.current, timer.due);
    try {
      timer.fire();
    } catch (err) {
      // One faulty callback must not stop lab time for everyone else.
      this.failures.push(err);
    }
    // Packet deliveries set more timers at the same instant; only yield to
    // promise jobs once nothing else is due now, which keeps floods fast.
    const next = this.nextDue();
    if (next === undefined || next > this.current) await yieldToPendingJobs();
  }

  private dropCancelled(): void {
    for (let t = this.heap.peek(); t && this.timers.get(t.id) !== t; t = this.heap.peek()) this.heap.pop();
  }
}
