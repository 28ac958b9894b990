// `npm run web`: browser mode. Serves out/web and the API on 127.0.0.1 and
// prints the URL (with its per-run token) to open.
//   --port N   listen on N (default 5178; 0 picks a free port)
//   --root DIR the built renderer (default out/web)
//   --data-dir DIR settings and progress (default ~/.docker-networking-explorer)
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './server.js';
import { createNodeService } from '../app-service.js';

const appRoot = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5178' },
    root: { type: 'string', default: resolve(appRoot, 'out/web') },
    'data-dir': { type: 'string', default: join(homedir(), '.docker-networking-explorer') },
  },
});

const root = resolve(values.root);
if (!existsSync(resolve(root, 'index.html'))) {
  console.error(`No built renderer in ${root}: run \`npm run build:web\` first.`);
  process.exit(1);
}

const service = await createNodeService({ host: 'web', appRoot, dataDir: resolve(values['data-dir']) });
const host = await startWebHost({ service, root, port: Number(values.port) });
void service.start();
console.log(`Docker Networking Explorer (browser mode): ${host.url}`);

const stop = async () => {
  await host.close();
  await service.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
