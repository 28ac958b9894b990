import type { Command } from '../command.js';

export const falseCommand: Command = {
  name: 'false',
  summary: 'do nothing, unsuccessfully',
  usage: 'false',
  man: 'false - do nothing, unsuccessfully\n\nExits with status 1.',
  async run() {
    return 1;
  },
};
