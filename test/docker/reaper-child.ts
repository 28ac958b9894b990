// A process that makes one lab host container through the reaper, prints its
// id, then ends the way argv[2] says: `exit` (process.exit without dispose),
// `throw` (an uncaught error), `pipe` (keeps writing to a pipe whose reader
// left), or `stay` (runs until a signal or SIGKILL). Used by cleanup.docker.test.ts.
import Docker from 'dockerode';
import { findEngine } from '../../src-main/node/docker/engine.js';
import { DEFAULT_IMAGES } from '../../src-main/node/docker/images.js';
import { CREATED_LABEL, LAB_LABEL, SCENARIO_LABEL, SESSION_LABEL } from '../../src-main/node/docker/lab-host.js';
import { labHostReaper } from '../../src-main/node/docker/reaper.js';

const docker = new Docker(findEngine().options);
const container = await labHostReaper.create(docker, {
  Image: DEFAULT_IMAGES.labHost,
  Cmd: ['sleep', 'infinity'],
  Labels: { [LAB_LABEL]: '1', [SCENARIO_LABEL]: 'reaper-test', [CREATED_LABEL]: new Date().toISOString(), [SESSION_LABEL]: 'reaper-test' },
  HostConfig: { NetworkMode: 'none' },
});
await container.start();
process.stdout.write(`created ${container.id}\n`);

switch (process.argv[2]) {
  case 'exit':
    process.exit(3);
    break;
  case 'throw':
    setTimeout(() => {
      throw new Error('an error nobody catches');
    }, 10);
    break;
  case 'pipe':
    setInterval(() => process.stdout.write('more output\n'), 10);
    break;
  default:
    setInterval(() => {}, 60_000);
}
