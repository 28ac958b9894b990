// The commands a shell can run. The lab builds one registry and hands it to
// its shells; builtins that list or describe commands (`help`, `man`, Tab
// completion) read it from their context, so nothing in the shell imports
// the command modules themselves.
import type { Command, CommandLookup, HostContext } from './command.js';

export class CommandRegistry implements CommandLookup {
  private readonly byName = new Map<string, Command>();

  constructor(private readonly commands: readonly Command[]) {
    // The first command to claim a name or alias wins, as a linear search would.
    for (const command of commands) {
      for (const name of [command.name, ...(command.aliases ?? [])]) if (!this.byName.has(name)) this.byName.set(name, command);
    }
  }

  /** Every command, in registration order. */
  all(): readonly Command[] {
    return this.commands;
  }

  /** Looks a command up by name or alias. */
  find(name: string): Command | undefined {
    return this.byName.get(name);
  }

  /** The commands a host has: all of them unless its image names a subset. */
  installedOn(host: HostContext): Command[] {
    return this.commands.filter((c) => host.installed.size === 0 || host.installed.has(c.name));
  }
}
