import { shellOf, type Command } from '../command.js';
import { jobLine } from '../job-line.js';
import { printedHelp } from './help-option.js';

export const jobs: Command = {
  name: 'jobs',
  summary: 'display status of jobs',
  usage: 'jobs [-l]',
  man: 'jobs - list the background jobs started with &',
  async run(ctx) {
    if (printedHelp(ctx, jobs, 'builtin')) return 0;
    const list = shellOf(ctx).jobs();
    for (const job of list) ctx.stdout.write(jobLine(job, list) + '\n');
    return 0;
  },
};
