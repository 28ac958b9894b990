// How a leftover lab host is described to the learner, the same in the app
// and in `npm run lab -- --cleanup`: its age and size, roughly.
import type { LeftoverLab } from './lab.js';

/** "3 h", "2 d": how long ago `createdIso` was, in its largest whole unit. */
export function ageOf(createdIso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(createdIso)) / 1000));
  if (!Number.isFinite(seconds)) return '?';
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['min', 60]] as const) {
    if (seconds >= size) return `${Math.floor(seconds / size)} ${unit}`;
  }
  return `${seconds} s`;
}

/** "1.2 MB": a size in bytes, in decimal units. */
export function sizeOf(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** One line for a leftover lab host: name, scenario, state, age and size. */
export function describeLeftover(lab: LeftoverLab, now: number): string {
  return `${lab.name}  ${lab.scenario || '-'}  ${lab.state}  ${ageOf(lab.created, now)} old  ${sizeOf(lab.sizeBytes)}`;
}
