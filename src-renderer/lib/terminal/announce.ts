// What a screen reader hears when a command finishes in a terminal: where,
// the last lines it printed (a long listing is cut, the scrollback keeps it)
// and a failing exit status.
import type { CommandRecord } from '../../../src-main/core/api/contract.js';

const LAST_LINES = 8;

export function commandAnnouncement(record: Pick<CommandRecord, 'terminal' | 'output' | 'exitCode'>): string {
  const lines = record.output.split('\n').filter((line) => line.trim() !== '');
  const shown = lines.slice(-LAST_LINES);
  const cut = lines.length > shown.length ? ` (last ${shown.length} of ${lines.length} lines)` : '';
  const status = record.exitCode === 0 ? '' : ` Exit status ${record.exitCode}.`;
  const output = shown.length ? `${shown.join('. ')}.` : 'no output.';
  return `${record.terminal}${cut}: ${output}${status}`;
}
