// How bash prints a background job, for `jobs` and the Done notice at the prompt.
import type { JobInfo } from './command.js';

/** `[1]+  Running                 sleep 100 &`. */
export function jobLine(job: JobInfo, all: readonly JobInfo[]): string {
  const newest = all.reduce((max, j) => Math.max(max, j.id), 0);
  const marker = job.id === newest ? '+' : job.id === newest - 1 ? '-' : ' ';
  const state = job.state === 'Exit' ? `Exit ${job.exitCode}` : job.state;
  const suffix = job.state === 'Running' ? ' &' : '';
  return `[${job.id}]${marker}  ${state.padEnd(24)}${job.command}${suffix}`;
}
