// "Run in c1" and "Copy" for a lesson's command blocks.
import type { RunnableCommand } from '../../../src-main/core/api/contract.js';
import { announcer } from '../a11y/announcer.svelte.js';
import { terminals } from '../terminal/terminals.svelte.js';
import { keystrokesFor } from './keystrokes.js';

export async function runInTerminal(command: RunnableCommand): Promise<void> {
  await terminals.typeInto(command.terminal, keystrokesFor(command.command));
  announcer.announce(`Typed into ${command.terminal}: ${command.command}`);
}

export async function copyCommand(command: RunnableCommand): Promise<void> {
  try {
    await navigator.clipboard.writeText(command.command);
    announcer.announce('Command copied.');
  } catch {
    announcer.announce('Copying is not allowed here; select the command and press Ctrl+C.');
  }
}
