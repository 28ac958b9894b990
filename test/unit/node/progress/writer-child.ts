// Child process for the crash test: loads the progress file, then saves ever
// newer states as fast as it can until it is killed. State n has updatedAt "n"
// and a history large enough that each write takes a while.
import { setCurrent, recordCommand } from '../../../../src-main/core/lessons/progress.js';
import { ProgressFileStore } from '../../../../src-main/node/progress/store.js';

const store = new ProgressFileStore(process.argv[2]);
let { progress } = await store.load();
let n = Number(progress.updatedAt ?? 0);
const filler = 'x'.repeat(60);
for (const terminal of ['host', 'c1', 'c2', 'c3', 'web']) {
  for (let i = 0; i < 200; i++) progress = recordCommand(progress, terminal, `echo ${i} ${filler}`, String(n));
}
let announced = false;
for (;;) {
  n += 1;
  progress = setCurrent(recordCommand(progress, 'host', `state ${n}`, String(n)), 'chapter', `step-${n}`, String(n));
  await store.save(progress);
  if (!announced) {
    process.stdout.write('ready\n');
    announced = true;
  }
}
