import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { FileSystem } from '../fs.js';

export const ls: Command = {
  name: 'ls',
  summary: 'list directory contents',
  usage: 'Usage: ls [OPTION]... [FILE]...',
  man: 'ls - list directory contents\n\nLists each FILE, or the entries of each directory (the current one by default), sorted by name.\n  -1  one entry per line\n  -a  include entries starting with .\n  -d  list directories themselves, not their contents',
  async run(ctx) {
    if (printedHelp(ctx, ls)) return 0;
    const args = ctx.argv.slice(1);
    const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('').replace(/-/g, '');
    const bad = [...flags].find((f) => !'1alhd'.includes(f));
    if (bad) {
      ctx.stderr.write(`ls: invalid option -- '${bad}'\nTry 'ls --help' for more information.\n`);
      return 2;
    }
    const all = flags.includes('a');
    const onePerLine = flags.includes('1') || flags.includes('l') || !ctx.stdout.isTTY;
    const targets = args.filter((a) => !a.startsWith('-') || a === '-');
    let status = 0;
    if (flags.includes('d')) {
      // Every operand is listed as itself, sorted by name, as one listing.
      const shown: string[] = [];
      for (const target of targets.length > 0 ? targets : ['.']) {
        if (ctx.fs.exists(FileSystem.resolve(ctx.cwd, target))) shown.push(target);
        else {
          ctx.stderr.write(`ls: cannot access '${target}': No such file or directory\n`);
          status = 2;
        }
      }
      shown.sort();
      if (shown.length > 0) ctx.stdout.write((onePerLine ? shown.join('\n') : columns(shown, ctx.terminal.cols)) + '\n');
      return status;
    }
    const blocks: string[] = [];
    for (const target of targets.length > 0 ? targets : ['.']) {
      const path = FileSystem.resolve(ctx.cwd, target);
      const names = ctx.fs.list(path);
      if (names === undefined) {
        if (ctx.fs.exists(path)) blocks.push(target);
        else {
          ctx.stderr.write(`ls: cannot access '${target}': No such file or directory\n`);
          status = 2;
        }
        continue;
      }
      const shown = all ? ['.', '..', ...names] : names.filter((n) => !n.startsWith('.'));
      const body = onePerLine ? shown.join('\n') : columns(shown, ctx.terminal.cols);
      blocks.push(targets.length > 1 ? `${target}:\n${body}` : body);
    }
    const text = blocks.filter((b) => b !== '').join(targets.length > 1 ? '\n\n' : '\n');
    if (text) ctx.stdout.write(text + '\n');
    return status;
  },
};

/**
 * GNU ls's vertical columns: as many columns as fit in the width, each as wide
 * as its longest name plus two spaces, filled top to bottom; ls pads with tabs
 * (8 columns each) where it can.
 */
export function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c * rows < names.length; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(Math.max(...col.map((n) => n.length)) + 2);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total >= width && cols > 1) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      let at = 0;
      for (let c = 0; c < widths.length; c++) {
        const name = names[c * rows + r];
        if (name === undefined) break;
        const next = names[(c + 1) * rows + r];
        line += name;
        at += name.length;
        if (next === undefined) break;
        const target = widths.slice(0, c + 1).reduce((a, b) => a + b, 0);
        // GNU ls's indent(): a tab when it does not overshoot, else a space.
        while (at < target) {
          if (Math.floor(target / 8) > Math.floor((at + 1) / 8)) {
            line += '\t';
            at += 8 - (at % 8);
          } else {
            line += ' ';
            at++;
          }
        }
      }
      lines.push(line);
    }
    return lines.join('\n');
  }
  return names.join('\n');
}
