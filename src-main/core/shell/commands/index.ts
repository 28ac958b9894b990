// The command registry: every simulated command, one import and one entry each.
import type { Command } from '../command.js';

export const allCommands: readonly Command[] = [
];

/** Looks a command up by name or alias. */
export function findCommand(name: string): Command | undefined {
  return allCommands.find((c) => c.name === name || c.aliases?.includes(name));
}
