// A learner's lab file: the command lines it builds, and every kind of mistake
// reported as file:line:col with what is wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabFile } from '../../../src-main/core/labfile/parse.js';
import { STARTER_LAB_FILE } from '../../../src-main/core/labfile/model.js';
import { labFileSchema } from '../../../src-main/core/labfile/schema.js';

function errorsOf(text: string): string[] {
  const result = parseLabFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

describe('lab files', () => {
  it('build networks, containers, extra networks, console commands and outside setup in order', () => {
    const result = parseLabFile(STARTER_LAB_FILE);
    expect(result.ok && result.steps).toEqual([
      { on: 'host', run: 'docker network create --subnet 10.10.0.0/24 blue' },
      { on: 'host', run: 'docker run -dit --name app --hostname app --network blue -p 8080:80 lab/debian:bookworm bash' },
      { console: 'app', type: 'python3 -m http.server 80' },
      { on: 'host', run: 'docker run -dit --name probe --hostname probe --network blue lab/debian:bookworm bash' },
      { on: 'host', run: 'docker network connect bridge probe' },
      { on: 'host01', run: 'ip route add 10.10.0.0/24 via 172.16.211.128' },
    ]);
  });

  it('reads JSON as well', () => {
    const result = parseLabFile('{"containers": [{"name": "solo", "ports": ["127.0.0.1:9000:80/tcp"]}]}');
    expect(result.ok && result.steps).toEqual([
      { on: 'host', run: 'docker run -dit --name solo --hostname solo -p 127.0.0.1:9000:80/tcp lab/debian:bookworm bash' },
    ]);
  });

  it('reports syntax errors at their line and column', () => {
    expect(errorsOf('containers:\n  - name: a\n   image: x\n')[0]).toMatch(/^my-lab\.yaml:3:\d+: /);
    expect(errorsOf('')).toEqual(['my-lab.yaml:1:1: the file is empty; it needs at least "containers:"']);
  });

  it('names the field a schema rule breaks, where it is', () => {
    expect(errorsOf('containers:\n  - name: a\n    imag: ubuntu\n')).toEqual(['my-lab.yaml:3:5: containers[0]: unknown field "imag"']);
    expect(errorsOf('containers:\n  - name: a\n    image: ubuntu\n')).toEqual([
      'my-lab.yaml:3:12: containers[0].image: must be equal to one of the allowed values: lab/debian:bookworm',
    ]);
    expect(errorsOf('networks:\n  - name: n\n    subnet: 10.0.0.0/33\ncontainers: []\n')).toEqual([
      'my-lab.yaml:3:13: networks[0].subnet: is not an IPv4 subnet such as 10.10.0.0/24',
    ]);
    expect(errorsOf('containers:\n  - name: a\n    ports: ["80"]\n')[0]).toMatch(/^my-lab\.yaml:3:13: containers\[0\]\.ports\[0\]: is not a published port such as "8080:80"/);
    expect(errorsOf('title: x\n')).toEqual(["my-lab.yaml:1:1: must have required property 'containers'"]);
  });

  it('refuses what a schema cannot say: unknown networks, twice-used names, lab machine names, ports in use', () => {
    const text = [
      'networks:',
      '  - name: blue',
      '  - name: blue',
      '  - name: bridge',
      'containers:',
      '  - name: a',
      '    networks: [red]',
      '    ports: ["8080:80"]',
      '  - name: a',
      '    ports: ["8080:81", "70000:80"]',
      '  - name: host01',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'my-lab.yaml:3:11: networks[1].name: network "blue" is declared twice',
      `my-lab.yaml:4:11: networks[2].name: "bridge" is one of Docker's own networks; pick another name`,
      'my-lab.yaml:7:16: containers[0].networks[0]: no network "red": declare it under "networks:" or use "bridge"',
      'my-lab.yaml:9:11: containers[1].name: container "a" is declared twice',
      'my-lab.yaml:10:13: containers[1].ports[0]: host port 8080 is already published by another container',
      'my-lab.yaml:10:24: containers[1].ports[1]: port 70000 is outside 1-65535',
      'my-lab.yaml:11:11: containers[2].name: "host01" is the name of a lab machine; pick another name',
    ]);
  });
});

describe('lab files on disk', () => {
  it("the editors' schema copy equals the schema the app checks with, and the example lab is good", () => {
    expect(JSON.parse(readFileSync('lessons/labs/lab.schema.json', 'utf8'))).toEqual(labFileSchema);
    const example = parseLabFile(readFileSync('lessons/labs/two-networks.yaml', 'utf8'), 'two-networks.yaml');
    expect(example.ok ? [] : example.errors).toEqual([]);
  });
});
