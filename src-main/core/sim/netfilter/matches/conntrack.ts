// `-m conntrack --ctstate` and the older `-m state --state`: the connection
// state conntrack gave the packet.
import type { EvalContext, Match } from '../rule.js';
import type { CtState } from '../conntrack.js';

export const CT_STATES: readonly CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'];

export class CtStateMatch implements Match {
  constructor(
    readonly name: 'conntrack' | 'state',
    readonly states: CtState[],
    readonly invert: boolean,
  ) {}

  test(_p: unknown, ctx: EvalContext): boolean {
    const state: CtState = ctx.conn?.state ?? 'INVALID';
    return this.states.includes(state) !== this.invert;
  }

  print(): string {
    const label = this.name === 'conntrack' ? 'ctstate' : 'state';
    return ` ${this.invert ? '! ' : ''}${label} ${this.states.join(',')}`;
  }

  save(): string {
    const flag = this.name === 'conntrack' ? '--ctstate' : '--state';
    return `${this.invert ? ' !' : ''} ${flag} ${this.states.join(',')}`;
  }
}
