// Runs one iptables command line against a namespace's netfilter and returns
// what the tool prints. Also iptables-save and iptables-restore.
import type { Netfilter } from '../../sim/netfilter/netfilter.js';
import { listTable, ruleSpec, saveTables, specTable } from './format.js';
import { IPTABLES_HELP, parseIptables, unknownTargetError } from './parse.js';
import { IptablesError, type Chain, type Table } from '../../sim/netfilter/ruleset.js';
import type { Rule } from '../../sim/netfilter/rule.js';
import type { TableName } from '../../sim/netfilter/types.js';
import { CtStateMatch } from '../../sim/netfilter/matches/conntrack.js';

export interface ToolResult {
  stdout: string;
  stderr: string;
  status: number;
}

const ok = (stdout = ''): ToolResult => ({ stdout, stderr: '', status: 0 });

function failure(err: unknown): ToolResult {
  if (err instanceof IptablesError) return { stdout: '', stderr: `${err.message}\n`, status: err.status };
  return { stdout: '', stderr: `iptables: ${err instanceof Error ? err.message : String(err)}\n`, status: 1 };
}

function usesConntrack(rule: Rule): boolean {
  return rule.matches.some((m) => m instanceof CtStateMatch);
}

export function runIptables(nf: Netfilter<object>, argv: readonly string[]): ToolResult {
  try {
    const cmd = parseIptables(argv);
    if (cmd.op === 'help') return ok(IPTABLES_HELP);
    if (cmd.op === 'version') return ok('iptables v1.8.7 (legacy)\n');
    const table = nf.table(cmd.table);
    const chain = cmd.chain;
    const rule = cmd.rule;
    if (rule?.target.kind === 'chain' && !table.chains.has(rule.target.name)) throw unknownTargetError(rule.target.name);
    if (rule && usesConntrack(rule)) nf.enableTracking();
    switch (cmd.op) {
      case 'list':
      case 'spec': {
        const only = chain === undefined ? undefined : table.chain(chain);
        const text = cmd.op === 'list' ? listTable(table, cmd, only) : specTable(table, only, cmd.verbose);
        if (cmd.zeroAfter) table.zero(chain);
        return ok(text);
      }
      case 'append':
        table.append(chain!, rule!);
        break;
      case 'insert':
        table.insert(chain!, rule!, cmd.num ?? 1);
        break;
      case 'replace':
        table.replace(chain!, cmd.num!, rule!);
        break;
      case 'delete':
        table.deleteAt(chain!, cmd.num ?? table.find(chain!, ruleSpec(rule!), ruleSpec));
        break;
      case 'check':
        table.find(chain!, ruleSpec(rule!), ruleSpec);
        break;
      case 'flush':
        table.flush(chain);
        break;
      case 'zero':
        table.zero(chain, cmd.num);
        break;
      case 'new':
        table.newChain(chain!);
        break;
      case 'deleteChain':
        table.deleteChain(chain);
        break;
      case 'rename':
        table.renameChain(chain!, cmd.arg!);
        break;
      case 'policy':
        table.setPolicy(chain!, cmd.arg!);
        break;
    }
    return ok();
  } catch (err) {
    return failure(err);
  }
}

/** `iptables-save [-t table] [-c]`. */
export function runIptablesSave(nf: Netfilter<object>, argv: readonly string[], nowMs: number): ToolResult {
  let only: TableName | undefined;
  let counters = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-t' || a === '--table') {
      const t = argv[++i];
      if (t !== 'raw' && t !== 'mangle' && t !== 'nat' && t !== 'filter') {
        return { stdout: '', stderr: 'iptables-save v1.8.7 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n', status: 1 };
      }
      only = t;
    } else {
      return { stdout: '', stderr: `iptables-save v1.8.7 (legacy): unknown option "${a}"\n`, status: 1 };
    }
  }
  const tables: Table[] = only ? [nf.table(only)] : nf.existingTables();
  return ok(saveTables(tables, nowMs, counters));
}

/** One restored line as an iptables command, with the `[packets:bytes]` it carried. */
interface RestoreCommand {
  words: string[];
  counters?: [number, number];
}

const COUNTERS = /^\[(\d+):(\d+)\]$/;

/**
 * `iptables-restore [-n] [-c]`: applies iptables-save text table by table;
 * each table's changes land only at its COMMIT, all or nothing. Policy
 * counters restart at 0 (libiptc sets a policy without its counters) unless
 * -c restores them, and rule counters too, from the file.
 */
export function runIptablesRestore(nf: Netfilter<object>, input: string, argv: readonly string[]): ToolResult {
  const noflush = argv.includes('-n') || argv.includes('--noflush');
  const counters = argv.includes('-c') || argv.includes('--counters');
  const lines = input.split('\n');
  let current: { name: TableName; commands: RestoreCommand[] } | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    const lineNo = n + 1;
    const fail = (why: string): ToolResult => ({ stdout: '', stderr: `iptables-restore: ${why} on line ${lineNo}\n`, status: 1 });
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      if (name !== 'raw' && name !== 'mangle' && name !== 'nat' && name !== 'filter') return fail(`table '${name}' does not exist`);
      current = { name, commands: [] };
      continue;
    }
    // 1.8.7 legacy names only the line of what it cannot place outside a table
    if (!current) return { stdout: '', stderr: `iptables-restore: line ${lineNo} failed\n`, status: 1 };
    if (line === 'COMMIT') {
      const error = commitTable(nf, current.name, current.commands, noflush);
      if (error) return { stdout: '', stderr: `iptables-restore v1.8.7 (legacy): ${error}\nError occurred at line: ${lineNo}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.\n`, status: 1 };
      current = undefined;
      continue;
    }
    if (line.startsWith(':')) {
      const [name, policy, count] = line.slice(1).split(/\s+/);
      if (policy === '-') current.commands.push({ words: ['-N', name] });
      else current.commands.push({ words: ['-P', name, policy], counters: counters ? countersOf(count) : [0, 0] });
      continue;
    }
    const words = splitWords(line);
    const count = COUNTERS.test(words[0] ?? '') ? words.shift() : undefined;
    current.commands.push({ words, counters: counters && count ? countersOf(count) : undefined });
  }
  if (current) return { stdout: '', stderr: `iptables-restore: COMMIT expected at line ${lines.length}\n`, status: 1 };
  return ok();
}

// Builds the table on a scratch copy so a failing line leaves the live one untouched.
function commitTable(nf: Netfilter<object>, name: TableName, commands: RestoreCommand[], noflush: boolean): string | undefined {
  const live = nf.table(name);
  const saved: [string, Chain][] = [...live.chains.entries()].map(([k, c]) => [k, { ...c, rules: [...c.rules] }]);
  if (!noflush) {
    live.flush();
    for (const c of [...live.chains.values()]) if (!c.builtin) live.chains.delete(c.name);
  }
  for (const { words, counters } of commands) {
    if (words[0] === '-N' && live.chains.has(words[1])) continue;
    const result = runIptables(nf, ['-t', name, ...words]);
    if (result.status !== 0) {
      live.chains.clear();
      for (const [k, c] of saved) live.chains.set(k, c);
      return result.stderr.split('\n')[0].replace(/^iptables[^:]*: /, '');
    }
    if (counters) setCounters(live, words, counters);
  }
  return undefined;
}

function countersOf(text: string | undefined): [number, number] {
  const m = COUNTERS.exec(text ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** Counters for the policy a `-P` line set, or the rule an `-A`/`-I` line added. */
function setCounters(table: Table, words: string[], [packets, bytes]: [number, number]): void {
  const chain = table.chains.get(words[1]);
  if (!chain) return;
  const target = words[0] === '-P' ? chain : words[0] === '-A' ? chain.rules.at(-1) : words[0] === '-I' ? chain.rules[/^\d+$/.test(words[2] ?? '') ? Number(words[2]) - 1 : 0] : undefined;
  if (!target) return;
  target.packets = packets;
  target.bytes = bytes;
}

/** Words of a saved rule line: whitespace separated, double quotes group. */
function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  return words;
}

// cspell:words noflush
