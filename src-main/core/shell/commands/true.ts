import type { Command } from '../command.js';

export const trueCommand: Command = {
  name: 'true',
  summary: 'do nothing, successfully',
  usage: 'true',
  man: 'true - do nothing, successfully\n\nExits with status 0.',
  async run() {
    return 0;
  },
};
