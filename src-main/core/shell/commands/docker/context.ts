// What every docker sub-command shares: the daemon behind `ctx.host.docker`,
// error printing, and the table layout of `docker ps/images/network ls`.
import type { CommandContext } from '../../command.js';
import { DockerError, type DockerDaemon } from '../../../userspace/dockerd/daemon.js';
import { executeTemplate, parseTemplate, TemplateError } from '../../../userspace/dockerd/template.js';
import { FlagError } from './flags.js';

export type SubCommand = (ctx: CommandContext, daemon: DockerDaemon, args: string[]) => Promise<number>;

export const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

export function daemonOf(ctx: CommandContext): DockerDaemon | undefined {
  return ctx.host.docker;
}

/** Prints an error the way the docker CLI does and returns its status. */
export function report(ctx: CommandContext, err: unknown): number {
  if (err instanceof DockerError) {
    ctx.stderr.write(`${err.message}\n`);
    return err.status;
  }
  if (err instanceof FlagError) {
    ctx.stderr.write(`${err.message}\n`);
    return 125;
  }
  if (err instanceof TemplateError) {
    ctx.stderr.write(`template parsing error: template: :1: ${err.message}\n`);
    return 64;
  }
  ctx.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/**
 * Go's tabwriter as the docker CLI sets it up (minwidth 10, padding 3): every cell but the last is padded,
 * so a row whose last cell is empty ends in spaces (`c3        ` under NAMES PORTS), as the CLI prints it.
 */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const cols = rows[0].length;
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(10, ...rows.map((r) => [...r[c]].length + 3));
  return rows.map((r) => r.map((cell, c) => (c < cols - 1 ? cell.padEnd(widths[c]) : cell)).join('') + '\n').join('');
}

/**
 * Prints `rows` through a `--format` value as the CLI does: a typed `\t` is a tab, a `table` prefix adds the
 * header row and tabwriter columns (`table` alone is the default listing), `{{json .}}` prints each row's
 * fields (give them in Go's sorted key order).
 */
export function writeFormatted(ctx: CommandContext, format: string, defaultTable: string, rows: object[], headers: Record<string, string>): void {
  let text = format.replace(/\\t/g, '\t');
  if (text.trim() === 'table') text = defaultTable;
  const isTable = text.startsWith('table');
  const template = parseTemplate(isTable ? text.slice(5).trimStart() : text);
  const lines = rows.map((row) => executeTemplate(template, row));
  if (!isTable) ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
  else ctx.stdout.write(table([executeTemplate(template, headers), ...lines].map((l) => l.split('\t'))));
}

/** Go's default time.Time text: `2026-11-26 11:04:33 +0000 UTC` (fraction only when `withNanos`). */
export function goTimeText(rfc3339: string, withNanos = false): string {
  const [date, rest] = rfc3339.replace(/Z$/, '').split('T');
  return `${date} ${withNanos ? rest : rest.slice(0, 8)} +0000 UTC`;
}

/** `stringutils.Ellipsis`: at most `max` characters, the last one `…` when cut. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

// cspell:words minwidth tabwriter
