// The Electron utility process that does the heavy work (lab backend,
// terminals, lessons), as VS Code's pty host does: main hands it a
// MessagePort and forwards requests; the window never waits on the lab.
import type { MessagePortMain } from 'electron';
import { ApiRequestError } from '../core/api/contract.js';
import { createNodeService } from '../node/app-service.js';
import type { FromLabProcess, LabProcessInit, ToLabProcess } from './channels.js';

process.parentPort.once('message', async (init) => {
  const port: MessagePortMain = init.ports[0];
  const { appRoot, dataDir } = init.data as LabProcessInit;
  const service = await createNodeService({ host: 'electron', appRoot, dataDir });
  const send = (message: FromLabProcess) => port.postMessage(message);

  service.onEvent((event, payload) => send({ t: 'ev', e: event, p: payload }));
  port.on('message', ({ data }) => {
    const request = data as ToLabProcess;
    service.handle(request.m, request.p).then(
      (result) => send({ t: 'res', id: request.id, ok: true, r: result ?? null }),
      (error: unknown) => {
        const e = error instanceof ApiRequestError ? error : new ApiRequestError('failed', String(error));
        send({ t: 'res', id: request.id, ok: false, code: e.code, message: e.message });
      },
    );
  });
  port.start();
  void service.start();
});
