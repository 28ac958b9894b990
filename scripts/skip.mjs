// How a test step says it did not run: it prints `SKIPPED: <reason>` and exits
// with SKIP_STATUS (77, the status automake's test harness reads as "skipped"),
// so `npm test` counts it as skipped, never as passed.
export const SKIP_STATUS = 77;

/** Prints the reason and exits as skipped. */
export function skipStep(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(SKIP_STATUS);
}

/** The reason in a step's output, from its last `SKIPPED: ` line. */
export function skippedReason(output) {
  const lines = output.split(/\r?\n/).filter((line) => line.startsWith('SKIPPED: '));
  return lines.at(-1)?.slice('SKIPPED: '.length).trim() || undefined;
}
