// The netfilter of the namespace a command runs in.
import type { CommandContext } from '../../command.js';
import type { NetNamespace } from '../../../sim/net/namespace.js';
import { netfilterOf } from '../../../sim/netfilter/kernel.js';
import type { Netfilter } from '../../../sim/netfilter/netfilter.js';

export function commandNetfilter(ctx: CommandContext): Netfilter<object> {
  return netfilterOf(ctx.host.netns as NetNamespace) as unknown as Netfilter<object>;
}

/** Lab wall-clock time in ms (the sim clock plus the lab's epoch). */
export function wallTime(ctx: CommandContext): number {
  const ns = ctx.host.netns as NetNamespace;
  return ns.world.clock.wallTimeMs();
}
