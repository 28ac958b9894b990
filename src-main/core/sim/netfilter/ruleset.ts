// The tables of one network namespace: built-in chains with policies and
// policy counters, user chains, rules; the edits `iptables` makes, with the
// real tool's error messages.
import type { Hook, TableName } from './types.js';
import type { Rule } from './rule.js';

export type Policy = 'ACCEPT' | 'DROP';

export interface Chain {
  name: string;
  builtin: boolean;
  policy: Policy;
  /** Policy counters (built-in chains). */
  packets: number;
  bytes: number;
  rules: Rule[];
}

export const BUILTIN_CHAINS: Record<TableName, readonly Hook[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** An error the iptables command prints as is, with its exit status. */
export class IptablesError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

const NO_CHAIN = 'iptables: No chain/target/match by that name.';
const BAD_RULE = 'iptables: Bad rule (does a matching rule exist in that chain?).';
const MAX_CHAIN_NAME = 28;

export class Table {
  readonly chains = new Map<string, Chain>();

  constructor(readonly name: TableName) {
    for (const hook of BUILTIN_CHAINS[name]) {
      this.chains.set(hook, { name: hook, builtin: true, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] });
    }
  }

  /** Built-in chains in hook order, then user chains sorted by name, as listings show them. */
  orderedChains(): Chain[] {
    const all = [...this.chains.values()];
    const user = all.filter((c) => !c.builtin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...all.filter((c) => c.builtin), ...user];
  }

  chain(name: string): Chain {
    const chain = this.chains.get(name);
    if (!chain) throw new IptablesError(NO_CHAIN);
    return chain;
  }

  /** Rules in this table that jump or go to `name`. */
  references(name: string): number {
    let refs = 0;
    for (const chain of this.chains.values()) {
      for (const rule of chain.rules) if (rule.target.kind === 'chain' && rule.target.name === name) refs++;
    }
    return refs;
  }

  newChain(name: string): void {
    if (this.chains.has(name)) throw new IptablesError('iptables: Chain already exists.');
    if (name.length > MAX_CHAIN_NAME) {
      throw new IptablesError(`iptables v1.8.7 (legacy): chain name \`${name}' too long (must be under 29 chars)`, 2);
    }
    this.chains.set(name, { name, builtin: false, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] });
  }

  /** `-X [chain]`: one empty unreferenced user chain, or all user chains when none is named. */
  deleteChain(name?: string): void {
    const victims = name === undefined ? [...this.chains.values()].filter((c) => !c.builtin) : [this.chain(name)];
    for (const chain of victims) {
      if (chain.builtin) throw new IptablesError('iptables: Invalid argument. Run `dmesg\' for more information.');
      if (this.references(chain.name) > 0) throw new IptablesError('iptables: Too many links.');
      if (chain.rules.length > 0) throw new IptablesError('iptables: Directory not empty.');
    }
    for (const chain of victims) this.chains.delete(chain.name);
  }

  renameChain(from: string, to: string): void {
    const chain = this.chain(from);
    if (chain.builtin) throw new IptablesError('iptables: Invalid argument. Run `dmesg\' for more information.');
    if (this.chains.has(to)) throw new IptablesError('iptables: File exists.');
    this.chains.delete(from);
    chain.name = to;
    this.chains.set(to, chain);
    for (const c of this.chains.values()) {
      for (const rule of c.rules) if (rule.target.kind === 'chain' && rule.target.name === from) rule.target.name = to;
    }
  }

  setPolicy(name: string, policy: string): void {
    const chain = this.chain(name);
    if (!chain.builtin) throw new IptablesError('iptables: Bad built-in chain name.');
    if (policy !== 'ACCEPT' && policy !== 'DROP') throw new IptablesError('iptables: Bad policy name.');
    chain.policy = policy;
  }

  append(name: string, rule: Rule): void {
    this.checkTarget(rule);
    this.chain(name).rules.push(rule);
  }

  /** `-I chain [num]`: num is 1-based; one past the end appends. */
  insert(name: string, rule: Rule, num = 1): void {
    const chain = this.chain(name);
    this.checkTarget(rule);
    if (num < 1 || num > chain.rules.length + 1) throw new IptablesError('iptables: Index of insertion too big.');
    chain.rules.splice(num - 1, 0, rule);
  }

  replace(name: string, num: number, rule: Rule): void {
    const chain = this.chain(name);
    this.checkTarget(rule);
    if (num < 1 || num > chain.rules.length) throw new IptablesError('iptables: Index of replacement too big.');
    chain.rules[num - 1] = rule;
  }

  deleteAt(name: string, num: number): void {
    const chain = this.chain(name);
    if (num < 1 || num > chain.rules.length) throw new IptablesError('iptables: Index of deletion too big.');
    chain.rules.splice(num - 1, 1);
  }

  /** `-D`/`-C` by specification: the first rule whose saved form equals `spec`'s. */
  find(name: string, spec: string, saveRule: (r: Rule) => string): number {
    const chain = this.chain(name);
    const index = chain.rules.findIndex((r) => saveRule(r) === spec);
    if (index < 0) throw new IptablesError(BAD_RULE);
    return index + 1;
  }

  flush(name?: string): void {
    const chains = name === undefined ? [...this.chains.values()] : [this.chain(name)];
    for (const chain of chains) chain.rules = [];
  }

  /** `-Z [chain [rulenum]]`: one rule's counters, or a chain's (policy included), or every chain's. */
  zero(name?: string, num?: number): void {
    if (num !== undefined) {
      const rule = this.chain(name!).rules[num - 1];
      if (!rule) throw new IptablesError('iptables: Index of counter too big.');
      rule.packets = 0;
      rule.bytes = 0;
      return;
    }
    const chains = name === undefined ? [...this.chains.values()] : [this.chain(name)];
    for (const chain of chains) {
      chain.packets = 0;
      chain.bytes = 0;
      for (const rule of chain.rules) {
        rule.packets = 0;
        rule.bytes = 0;
      }
    }
  }

  private checkTarget(rule: Rule): void {
    if (rule.target.kind === 'chain' && !this.chains.has(rule.target.name)) throw new IptablesError(NO_CHAIN);
    if (rule.target.kind === 'chain' && this.chains.get(rule.target.name)!.builtin) throw new IptablesError(NO_CHAIN);
    const ext = rule.target.kind === 'extension' ? rule.target.target : undefined;
    if (ext?.tables && !ext.tables.includes(this.name)) {
      // The kernel refuses the target in this table (dmesg names it): libiptc's commit fails with EINVAL.
      throw new IptablesError("iptables: Invalid argument. Run `dmesg' for more information.");
    }
  }
}
