// The netfilter of the namespace a command runs in.
import type { CommandContext } from '../../command.js';
import { netfilterOf } from '../../../sim/netfilter/kernel.js';
import type { Netfilter } from '../../../sim/netfilter/netfilter.js';
import type { Ipv4Packet } from '../../../sim/wire/packet.js';

export function commandNetfilter(ctx: CommandContext): Netfilter<Ipv4Packet> {
  return netfilterOf(ctx.host.netns);
}

/** Lab wall-clock time in ms (the sim clock plus the lab's epoch). */
export function wallTime(ctx: CommandContext): number {
  return ctx.host.netns.world.clock.wallTimeMs();
}
