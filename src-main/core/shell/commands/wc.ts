import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { encodeUtf8 } from '../../base/utf8.js';
import { readInputs } from './text-input.js';

export const wc: Command = {
  name: 'wc',
  summary: 'print newline, word, and byte counts for each file',
  usage: 'wc [OPTION]... [FILE]...',
  man: 'wc - count lines, words and bytes\n\n  -l  lines   -w  words   -c  bytes',
  async run(ctx) {
    if (printedHelp(ctx, wc)) return 0;
    const flags = ctx.argv.slice(1).filter((a) => /^-[lwc]+$/.test(a)).join('');
    const bad = ctx.argv.slice(1).find((a) => a.startsWith('-') && a !== '-' && !/^-[lwc]+$/.test(a));
    if (bad) {
      ctx.stderr.write(`wc: invalid option -- '${bad.slice(1, 2)}'\nTry 'wc --help' for more information.\n`);
      return 1;
    }
    const operands = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
    const { inputs, failed } = await readInputs(ctx, 'wc', operands);
    const show = { l: flags === '' || flags.includes('l'), w: flags === '' || flags.includes('w'), c: flags === '' || flags.includes('c') };
    const rows = inputs.map((input) => {
      const counts: number[] = [];
      if (show.l) counts.push((input.text.match(/\n/g) ?? []).length);
      if (show.w) counts.push(input.text.split(/\s+/).filter(Boolean).length);
      if (show.c) counts.push(encodeUtf8(input.text).length);
      return { counts, name: operands.length > 0 ? input.name : '' };
    });
    if (rows.length > 1) rows.push({ counts: rows[0].counts.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)), name: 'total' });
    // One number from stdin prints bare; otherwise columns share a width.
    const single = rows.length === 1 && rows[0].counts.length === 1 && operands.length === 0;
    const width = single ? 0 : Math.max(operands.length > 0 || rows[0]?.counts.length === 1 ? 1 : 7, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
    for (const r of rows) ctx.stdout.write(r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n');
    return failed ? 1 : 0;
  },
};
