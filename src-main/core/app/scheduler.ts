// Timers for the app service, passed in by the host: core/ has no global
// setTimeout in its type environment, and tests drive time by hand.
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
