// Starting states of the lab, as data: each is the Docker host world plus
// command lines run in hidden sessions, in order, the way a learner would.
import { parseLabFile } from '../labfile/parse.js';

/** A command line run on a host in a hidden session, or keystrokes typed into a container's console. */
export type ScenarioStep = { on: string; run: string } | { console: string; type: string };

export interface Scenario {
  name: string;
  description: string;
  steps: ScenarioStep[];
}

const LAB_IMAGE = 'lab/debian:bookworm';

const runContainer = (name: string, extra = ''): ScenarioStep => ({
  on: 'host',
  run: `docker run -dit --name ${name} --hostname ${name}${extra} ${LAB_IMAGE} bash`,
});

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'fresh',
    description: 'The Docker host with the daemon running and no containers yet; Host01 and Host02 on the lab network.',
    steps: [],
  },
  {
    name: 'no-web',
    description: 'c1, c2 and c3 running on the default bridge; no web container yet (the learner starts it).',
    steps: [runContainer('c1'), runContainer('c2'), runContainer('c3')],
  },
  {
    name: 'article',
    description:
      "The article's lab fully up: c1, c2, c3 and web running, web serving `python3 -m http.server 80` in its attached shell (docker attach web; Ctrl-P Ctrl-Q detaches) and published on 172.16.211.128:81.",
    steps: [
      runContainer('c1'),
      runContainer('c2'),
      runContainer('c3'),
      runContainer('web', ' -p 172.16.211.128:81:80'),
      { console: 'web', type: 'python3 -m http.server 80' },
    ],
  },
  {
    name: 'two-bridges',
    description:
      'Two bridges side by side: c1 and c2 on the default bridge, a1 and a2 on the user-defined bridge "apps" (10.20.0.0/24, with its own DNS), a2 also joined to the default bridge.',
    steps: [
      { on: 'host', run: 'docker network create --subnet 10.20.0.0/24 apps' },
      runContainer('c1'),
      runContainer('c2'),
      runContainer('a1', ' --network apps'),
      runContainer('a2', ' --network apps'),
      { on: 'host', run: 'docker network connect bridge a2' },
    ],
  },
  {
    name: 'reference',
    description:
      'The lab as ../shared/tools/real-lab.sh builds it for the reference transcripts: as the article, but the web server started with docker exec -d (so docker logs web stays empty).',
    steps: [
      runContainer('c1'),
      runContainer('c2'),
      runContainer('c3'),
      runContainer('web', ' -p 172.16.211.128:81:80'),
      { on: 'host', run: 'docker exec -d web python3 -m http.server 80' },
    ],
  },
];

/** Finds a scenario by name: the built-in ones, and where a host adds them, the learner's own labs. */
export type ScenarioResolver = (name: string) => Scenario | undefined;

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** The scenario name of the learner's own lab (its file is kept by the host). */
export const MY_LAB = 'my-lab';

/** The built-in scenarios practice mode offers, in the picker's order (then the learner's own lab). */
export const PRACTICE_SCENARIOS = ['fresh', 'article', 'two-bridges'] as const;

/** A learner's lab file as a scenario, or what is wrong with the file (`file:line:col: ...`). */
export function labFileScenario(text: string, file = `${MY_LAB}.yaml`): { scenario: Scenario } | { errors: string[] } {
  const result = parseLabFile(text, file);
  if (!result.ok) return { errors: result.errors };
  return { scenario: { name: MY_LAB, description: result.lab.title ?? 'My own lab', steps: result.steps } };
}
