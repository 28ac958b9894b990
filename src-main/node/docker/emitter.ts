import type { Disposable } from '../../core/lab/backend.js';

/** A set of listeners for one kind of event. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  on(listener: (value: T) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  get size(): number {
    return this.listeners.size;
  }
}
