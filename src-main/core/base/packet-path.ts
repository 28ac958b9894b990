// The packet-path model the course teaches (chapter 05b-the-packet-path): the
// five IPv4 netfilter hooks and, at each, the tables and conntrack in the
// kernel's priority order. The simulated netfilter walks a hook in this order
// and the packet trace view labels hops with the same names, so the chapter's
// diagram, the simulator and the view cannot drift apart. It sits in base so
// the simulator can walk it; the renderer reads it through core/api.

/** The five IPv4 netfilter hooks. */
export type NetfilterHook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/**
 * What happens at a hook: a table is consulted, conntrack classifies the
 * packet (`conntrack`, right after raw) or confirms a new connection
 * (`confirm`, when its first packet leaves the last hook).
 */
export type PathStage = 'raw' | 'conntrack' | 'mangle' | 'nat' | 'filter' | 'confirm';

/** The hooks in the order the course draws them: entry, the two branches after routing, local output, exit. */
export const HOOKS_IN_ORDER: readonly NetfilterHook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** Each hook's stages in priority order (NF_IP_PRI_RAW, CONNTRACK, MANGLE, NAT_DST, FILTER, NAT_SRC, CONNTRACK_CONFIRM). */
export const HOOK_STAGES: Readonly<Record<NetfilterHook, readonly PathStage[]>> = {
  PREROUTING: ['raw', 'conntrack', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat', 'confirm'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'conntrack', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat', 'confirm'],
};

/** The label a hop at a hook carries everywhere: `PREROUTING › nat`. */
export function stageLabel(hook: NetfilterHook, stage: string): string {
  return `${hook} › ${stage}`;
}
