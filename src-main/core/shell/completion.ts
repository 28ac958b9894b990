// Tab completion: command names, keywords and builtins first, then what the command offers
// (sub-commands, flags), interface and container names, and file paths.
import { FileSystem } from './fs.js';
import type { CommandRegistry } from './registry.js';
import { KEYWORDS, SHELL_BUILTINS, type ShellHost } from './runtime.js';

export interface Completion {
  /** Text to insert at the cursor. */
  insert: string;
  /** All candidates, shown on a second Tab when more than one matches. */
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function pathCandidates(word: string, host: ShellHost, cwd: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const dir = FileSystem.resolve(cwd, dirPart || '.', host.home);
  const names = host.fs.list(dir) ?? [];
  return names.map((n) => {
    const full = dirPart + n;
    return host.fs.isDirectory(FileSystem.resolve(dir, n)) ? full + '/' : full;
  });
}

/** Commands whose operands are files: Tab offers paths even without a slash. */
const FILE_OPERANDS = new Set(['cat', 'ls', 'cd', 'head', 'tail', 'grep', 'wc', 'sort', 'jq']);

export function complete(before: string, host: ShellHost, cwd: string, commands: CommandRegistry): Completion {
  const segment = before.split(/\|\||&&|[|;&]/).pop() ?? '';
  const words = segment.trimStart().split(/\s+/);
  const word = words[words.length - 1] ?? '';
  let candidates: string[];
  if (words.length <= 1) {
    // As bash: reserved words and builtins as well as the commands on the path.
    candidates = [...commands.installedOn(host.context).flatMap((c) => [c.name, ...(c.aliases ?? [])]), ...KEYWORDS, ...SHELL_BUILTINS];
  } else {
    const command = commands.find(words[0]);
    const offered = command?.completions?.(words.slice(1, -1), { host: host.context, commands }) ?? [];
    candidates = [...offered, ...(host.completionWords?.() ?? [])];
    if (word.includes('/') || word.startsWith('.') || (FILE_OPERANDS.has(words[0]) && !word.startsWith('-'))) {
      candidates.push(...pathCandidates(word, host, cwd));
    }
  }
  const matches = [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
  if (matches.length === 0) return { insert: '', candidates: [] };
  if (matches.length === 1) {
    const only = matches[0];
    return { insert: only.slice(word.length) + (only.endsWith('/') ? '' : ' '), candidates: matches };
  }
  return { insert: commonPrefix(matches).slice(word.length), candidates: matches };
}
