import { describe, expect, it } from 'vitest';
import { ChapterEngine, type StepCompletion, type StepStatus } from '../../../src-main/core/lessons/engine.js';
import type { Chapter } from '../../../src-main/core/lessons/model.js';
import { FakeBackend, LAB_BINDINGS } from './fake-backend.js';

function chapter(): Chapter {
  return {
    id: 'demo',
    title: 'Demo',
    summary: 'Demo.',
    scenario: 'article',
    terminals: ['host', 'c1'],
    narrative: '',
    bindingRefs: [],
    steps: [
      {
        id: 'route',
        goal: 'Look at c1 routes.',
        hints: ['ip route'],
        solution: '@c1 ip route',
        checks: [
          {
            id: 'listed',
            kind: 'transcript',
            terminal: 'c1',
            command: '^ip r',
            output: 'default via {{docker0.ip}}',
            expect: 'routes of c1',
            hint: 'ip route in c1',
          },
        ],
      },
      {
        id: 'ping',
        goal: 'Ping the host from c1.',
        hints: ['ping'],
        solution: '@c1 ping -c 1 {{host.ip}}',
        checks: [
          {
            id: 'pinged',
            kind: 'transcript',
            terminal: 'c1',
            command: '^ping .*{{host.ip}}',
            expect: 'a ping',
            hint: 'ping',
          },
          {
            id: 'seen',
            kind: 'traffic',
            host: 'host',
            iface: 'docker0',
            packet: 'ICMP echo request',
            expect: 'requests on docker0',
            hint: 'from c1',
          },
          {
            id: 'quiet-uplink',
            kind: 'traffic',
            host: 'host',
            iface: '{{host.iface}}',
            packet: 'ICMP',
            max: 0,
            expect: 'nothing on the uplink',
            hint: 'ping the host itself',
          },
        ],
      },
      {
        id: 'web',
        goal: 'web runs.',
        hints: ['docker ps'],
        solution: '@host docker ps',
        checks: [
          { id: 'running', kind: 'state', host: 'host', probe: 'docker inspect web', output: 'true', expect: 'web runs', hint: 'start it' },
        ],
      },
    ],
  };
}

function setup(completed?: Record<string, 'done' | 'assisted'>) {
  const backend = new FakeBackend();
  const statuses: StepStatus[] = [];
  const done: StepCompletion[] = [];
  const engine = new ChapterEngine({
    backend,
    chapter: chapter(),
    bindings: LAB_BINDINGS,
    completed,
    onStatus: (s) => statuses.push(s),
    onStepDone: (d) => done.push(d),
  });
  return { backend, engine, statuses, done };
}

describe('chapter engine', () => {
  it('evaluates the current step after each command and moves on when all checks pass', async () => {
    const { backend, engine, statuses, done } = setup();
    await engine.start();
    expect(engine.currentStepId).toBe('route');
    expect(statuses.at(-1)).toMatchObject({ stepId: 'route', state: 'active', checks: [{ id: 'listed', status: 'fail' }] });

    backend.ran('c1', 'ip route', 'default via 172.17.0.1 dev eth0\n');
    await engine.idle();
    expect(done).toEqual([{ chapterId: 'demo', stepId: 'route', at: backend.now(), assisted: false }]);
    expect(engine.currentStepId).toBe('ping');
    // The new step's captures started when it became current.
    expect(backend.captures.map((c) => [c.iface, c.disposed])).toEqual([
      ['docker0', false],
      ['ens160', false],
    ]);

    backend.packet('host', 'docker0', 'IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id 1, seq 1, length 64');
    backend.ran('c1', 'ping -c 1 172.16.211.128', '1 received');
    await engine.idle();
    expect(engine.status('ping').state).toBe('done');
    expect(backend.captures.every((c) => c.disposed)).toBe(true);
    expect(engine.currentStepId).toBe('web');
    expect(engine.status('web').checks[0]).toMatchObject({ status: 'fail' });
  });

  it('fails a step whose traffic went the wrong way, with the packets seen', async () => {
    const { backend, engine } = setup({ route: 'done' });
    await engine.start();
    backend.packet('host', 'ens160', 'IP 172.16.211.128 > 172.16.211.1: ICMP echo request, id 1, seq 1, length 64');
    backend.ran('c1', 'ping -c 1 172.16.211.128', '1 received');
    await engine.idle();
    const checks = engine.status('ping').checks;
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['pinged', 'pass'],
      ['seen', 'fail'],
      ['quiet-uplink', 'fail'],
    ]);
    expect(checks[2].seen).toContain('and none may:\nIP 172.16.211.128 > 172.16.211.1');
  });

  it('does not count commands run before a step became current', async () => {
    const { backend, engine, done } = setup();
    backend.probeAnswer = async () => ({ output: 'true', exitCode: 0 });
    await engine.start();
    // A step sees only what happened since it became current: this early ping counts for nothing.
    backend.ran('c1', 'ping -c 1 172.16.211.128', '');
    await engine.idle();
    expect(engine.currentStepId).toBe('route');
    backend.ran('c1', 'ip route', 'default via 172.17.0.1 dev eth0');
    await engine.idle();
    expect(engine.currentStepId).toBe('ping');
    expect(engine.status('ping').checks.map((c) => c.status)).toEqual(['fail', 'fail', 'pass']);
    expect(done.map((d) => d.stepId)).toEqual(['route']);
  });

  it('resumes after completed steps and marks a helped step as assisted', async () => {
    const { backend, engine, done } = setup({ route: 'done', ping: 'assisted' });
    backend.probeAnswer = async () => ({ output: 'false', exitCode: 0 });
    await engine.start();
    expect(engine.currentStepId).toBe('web');
    engine.markHelped('web');
    backend.probeAnswer = async () => ({ output: 'true', exitCode: 0 });
    backend.ran('host', 'docker start web', 'web');
    await engine.idle();
    expect(done).toEqual([expect.objectContaining({ stepId: 'web', assisted: true })]);
    expect(engine.status('web').state).toBe('assisted');
    expect(engine.currentStepId).toBeUndefined();
  });

  it('resets an earlier step and makes it current again', async () => {
    const { engine } = setup({ route: 'done', ping: 'done' });
    await engine.start();
    expect(engine.currentStepId).toBe('web');
    await engine.resetStep('route');
    expect(engine.currentStepId).toBe('route');
    expect(engine.status('web').state).toBe('pending');
    expect(engine.status('route').state).toBe('active');
  });

  it('does not complete a reset step again from the commands run before the reset', async () => {
    const { backend, engine } = setup();
    await engine.start();
    backend.ran('c1', 'ip route', 'default via 172.17.0.1 dev eth0\n');
    await engine.idle();
    expect(engine.status('route').state).toBe('done');

    await engine.resetStep('route');
    await engine.evaluate();
    expect(engine.status('route').state).toBe('active');
    expect(engine.status('route').checks[0]).toMatchObject({ id: 'listed', status: 'fail' });

    backend.ran('c1', 'ip route', 'default via 172.17.0.1 dev eth0\n');
    await engine.idle();
    expect(engine.status('route').state).toBe('done');
  });

  it('never overlaps evaluations: commands during a slow probe trigger one more run', async () => {
    const { backend, engine } = setup({ route: 'done', ping: 'done' });
    let running = 0;
    let maxRunning = 0;
    const releases: Array<() => void> = [];
    backend.probeAnswer = () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      return new Promise((resolve) => releases.push(() => (running--, resolve({ output: 'false', exitCode: 0 }))));
    };
    const started = engine.start();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    backend.ran('host', 'a', '');
    backend.ran('host', 'b', '');
    backend.ran('host', 'c', '');
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await started;
    await engine.idle();
    expect(maxRunning).toBe(1);
    // One evaluation at start, then one for the three commands that ended during it.
    expect(backend.probes).toHaveLength(2);
  });

  it('evaluates a command that ends while a step is being set up only once its captures run', async () => {
    const { backend, engine, statuses } = setup({ route: 'done' });
    const capture = backend.capture.bind(backend);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.capture = async (request) => {
      await gate;
      return capture(request);
    };
    const started = engine.start();
    await new Promise((r) => setImmediate(r));
    backend.ran('c1', 'ping -c 1 172.16.211.128', '');
    await new Promise((r) => setImmediate(r));
    expect(statuses).toEqual([]);
    release();
    await started;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.flatMap((s) => s.checks).filter((c) => c.status === 'error')).toEqual([]);
    expect(engine.status('ping').checks.map((c) => c.status)).toEqual(['pass', 'fail', 'pass']);
  });

  it('says a step with no captured interface could not finish', async () => {
    const { backend, engine } = setup({ route: 'done' });
    backend.captureFails = 'tcpdump: docker0: No such device';
    await engine.start();
    expect(engine.status('ping').checks[1]).toMatchObject({ status: 'error', message: expect.stringContaining('could not finish: tcpdump: docker0') });
  });
});
