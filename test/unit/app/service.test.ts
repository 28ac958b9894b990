import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiRequestError, type EventName, type Events, type StepView } from '../../../src-main/core/api/contract.js';
import { AppService } from '../../../src-main/core/app/service.js';
import { choiceOrder } from '../../../src-main/core/lessons/prediction-order.js';
import { emptyProgress, recordPrediction } from '../../../src-main/core/lessons/progress.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';
import { ManualScheduler } from './manual-scheduler.js';

function echoService() {
  const scheduler = new ManualScheduler();
  const service = new AppService({
    host: 'web',
    version: '0.0.0-test',
    scheduler,
    backends: ['sim'],
    lessons: folderSource(resolve(import.meta.dirname, '../../../lessons')),
    defaultScenario: 'article',
    wallClock: () => '2026-11-26T10:00:00.000Z',
  });
  const events: { event: EventName; payload: unknown }[] = [];
  service.onEvent(<E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }));
  const output = (id: string) =>
    events
      .filter((e) => e.event === 'terminal.data' && (e.payload as Events['terminal.data']).id === id)
      .map((e) => Buffer.from((e.payload as Events['terminal.data']).data).toString('utf8'))
      .join('');
  return { scheduler, service, events, output };
}

describe('app service', () => {
  it('rejects unknown methods and bad params with typed errors', async () => {
    const { service } = echoService();
    await expect(service.handle('fs.read', {})).rejects.toMatchObject({ code: 'unknown-method' });
    await expect(service.handle('terminal.open', { name: 'c1' })).rejects.toBeInstanceOf(ApiRequestError);
    await expect(service.handle('terminal.input', { id: 'nope', data: 'x' })).rejects.toMatchObject({ code: 'failed' });
  });

  it('without a backend, says so and gives echo terminals whose output goes out at once when the pipe is idle', async () => {
    const { service, scheduler, output, events } = echoService();
    await service.start();
    const info = (await service.handle('app.info', {})) as { echoOnly: boolean };
    expect(info.echoOnly).toBe(true);
    const term = (await service.handle('terminal.open', { name: 'c1', cols: 80, rows: 24 })) as { id: string; echoOnly: boolean };
    expect(term.echoOnly).toBe(true);
    // The first prompt waits one window, so it follows the answer that names the session.
    expect(output(term.id)).toBe('');
    scheduler.advance(5);
    expect(output(term.id)).toContain('c1(echo)$');
    // Once the pipe is idle, an echo goes out without waiting: the scheduler's clock has not moved.
    scheduler.advance(5);
    await service.handle('terminal.input', { id: term.id, data: 'ping 10.0.0.1\r' });
    await Promise.resolve();
    expect(output(term.id)).toContain('echo: ping 10.0.0.1');
    await service.handle('terminal.close', { id: term.id });
    expect(events.at(-1)).toEqual({ event: 'terminal.exit', payload: { id: term.id, exitCode: 0, reason: 'closed' } });
  });

  it('serves the course from the lessons folder; hints and the solution are recorded as help', async () => {
    const { service } = echoService();
    const course = (await service.handle('course.get', {})) as { chapters: { id: string; steps: { id: string }[] }[] };
    expect(course.chapters.length).toBeGreaterThan(0);
    const chapter = course.chapters[0];
    const stepId = chapter.steps[0].id;
    const solution = (await service.handle('step.solution', { chapterId: chapter.id, stepId })) as { commands: unknown[] };
    expect(solution.commands.length).toBeGreaterThan(0);
    const exported = (await service.handle('progress.export', {})) as { data: string };
    expect(JSON.parse(exported.data).chapters[chapter.id].steps[stepId]).toMatchObject({ solutionShown: true });
  });

  it("shows prediction choices in the learner's own order, stable across reopening, and judges the choice shown", async () => {
    const { service } = echoService();
    type Opened = { steps: StepView[] };
    const open = async () => (await service.handle('chapter.open', { chapterId: '02-a-ping-in-the-dark' })) as Opened;
    const first = await open();
    const step = first.steps.find((s) => s.id === 'capture-uplink')!;
    expect([...step.prediction!.choices].sort()).toEqual(['None', 'Six, three requests and three replies', 'Three, the requests; the replies go back by docker0']);
    expect(step.prediction!.result).toBeUndefined();
    expect((await open()).steps.find((s) => s.id === 'capture-uplink')!.prediction!.choices).toEqual(step.prediction!.choices);
    const shown = step.prediction!.choices.indexOf('None');
    const verdict = await service.handle('step.predict', { chapterId: '02-a-ping-in-the-dark', stepId: 'capture-uplink', choice: shown });
    expect(verdict).toMatchObject({ correct: true, answer: shown, explanation: expect.stringContaining('delivered to the local stack') });
    // Reopened later, the step shows the answer and its explanation again.
    expect((await open()).steps.find((s) => s.id === 'capture-uplink')!.prediction).toMatchObject({ answered: shown, result: verdict });
  });

  it('keeps a prediction answered before, from the saved progress, with the text shown after it', async () => {
    const seed = 'learner-from-before';
    const answered = recordPrediction({ ...emptyProgress(), seed }, '02-a-ping-in-the-dark', 'routing-tables', 0, false, '2026-11-01T10:00:00.000Z');
    const service = new AppService({
      host: 'web',
      version: '0.0.0-test',
      scheduler: new ManualScheduler(),
      backends: ['sim'],
      lessons: folderSource(resolve(import.meta.dirname, '../../../lessons')),
      defaultScenario: 'article',
      wallClock: () => '2026-11-26T10:00:00.000Z',
      progress: { initial: answered, store: { save: async () => {} } },
    });
    const chapter = (await service.handle('chapter.open', { chapterId: '02-a-ping-in-the-dark' })) as { steps: StepView[] };
    const step = chapter.steps.find((s) => s.id === 'routing-tables')!;
    const order = choiceOrder(seed, '02-a-ping-in-the-dark', 'routing-tables', 3);
    expect(step.prediction).toMatchObject({ answered: order.indexOf(0), result: { correct: false, answer: order.indexOf(2) } });
    expect(step.afterPrediction).toMatch(/^c1 has only two routes/);
    expect(step.narrative).not.toMatch(/default route/);
  });

  it('exports progress and imports it back, rejecting foreign files', async () => {
    const { service } = echoService();
    const course = (await service.handle('course.get', {})) as { chapters: { id: string; steps: { id: string }[] }[] };
    const { id: chapterId, steps } = course.chapters[0];
    await service.handle('step.hint', { chapterId, stepId: steps[0].id });
    const exported = (await service.handle('progress.export', {})) as { data: string };
    await service.handle('progress.reset', { scope: 'all' });
    expect(JSON.parse(((await service.handle('progress.export', {})) as { data: string }).data).chapters).toEqual({});
    await service.handle('progress.import', { data: exported.data });
    const again = (await service.handle('progress.export', {})) as { data: string };
    expect(JSON.parse(again.data).chapters[chapterId].steps[steps[0].id]).toMatchObject({ hintsShown: 1 });
    await expect(service.handle('progress.import', { data: '{"format":"other"}' })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(service.handle('progress.import', { data: 'nope' })).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('applies and announces settings', async () => {
    const { service, events } = echoService();
    const settings = (await service.handle('settings.set', { theme: 'dark', fontSize: 16 })) as { theme: string; fontSize: number };
    expect(settings).toMatchObject({ theme: 'dark', fontSize: 16 });
    expect(events.some((e) => e.event === 'settings.changed')).toBe(true);
    await expect(service.handle('lab.switchBackend', { backend: 'docker' })).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('app service when the lab cannot start', () => {
  it('reports the failure in the lab status and still serves the chapter', async () => {
    const service = new AppService({
      host: 'web',
      version: '0.0.0-test',
      scheduler: new ManualScheduler(),
      createBackend: () => {
        throw new Error('Docker is not running: start it with `sudo systemctl start docker`');
      },
      backends: ['sim', 'docker'],
      lessons: folderSource(resolve(import.meta.dirname, '../../../lessons')),
      defaultScenario: 'article',
      wallClock: () => '2026-11-26T10:00:00.000Z',
    });
    const status = (await service.handle('lab.switchBackend', { backend: 'docker' })) as { phase: string; message: string };
    expect(status).toMatchObject({ phase: 'failed', backend: 'docker' });
    expect(status.message).toContain('Docker is not running');
    const course = (await service.handle('course.get', {})) as { chapters: { id: string }[] };
    const chapter = (await service.handle('chapter.open', { chapterId: course.chapters[0].id })) as { steps: unknown[] };
    expect(chapter.steps.length).toBeGreaterThan(0);
    await expect(service.handle('terminal.open', { name: 'host', cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'failed' });
  });
});
