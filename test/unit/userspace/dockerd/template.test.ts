import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { executeTemplate, parseTemplate, TemplateError } from '../../../../src-main/core/userspace/dockerd/template.js';
import { inspectContainer } from '../../../../src-main/core/userspace/dockerd/inspect.js';
import { articleLab } from './article-lab.js';

const render = (src: string, v: unknown) => executeTemplate(parseTemplate(src), v);

describe('docker inspect -f templates', () => {
  const lab = articleLab();
  const web = inspectContainer(lab.docker.container('web')!);

  it('reads the common fields', () => {
    expect(render('{{.State.Pid}}', web)).toBe(String(lab.docker.container('web')!.pid));
    expect(render('{{.NetworkSettings.IPAddress}}', web)).toBe('172.17.0.5');
    expect(render('{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', web)).toBe('172.17.0.5');
    expect(render('{{.Name}} {{.Config.Hostname}}', web)).toBe('/web web');
    expect(render('{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}', web)).toBe('81');
    expect(render('{{json .HostConfig.PortBindings}}', web)).toBe('{"80/tcp":[{"HostIp":"172.16.211.128","HostPort":"81"}]}');
    expect(render('{{range $k, $v := .NetworkSettings.Ports}}{{$k}} -> {{(index $v 0).HostPort}}{{end}}', web)).toBe('80/tcp -> 81');
    expect(render('{{if .State.Running}}up{{else}}down{{end}}', web)).toBe('up');
    expect(render('{{.Config.Cmd}} {{.Config.Env}} {{.Nope}}', web)).toBe('[bash] <nil> <no value>');
    expect(render('{{.NetworkSettings.IPAddress | printf "%s/16"}}', web)).toBe('172.17.0.5/16');
  });

  it('reports Go parse errors and never throws anything else', () => {
    expect(() => parseTemplate('{{.State.Pid')).toThrow(TemplateError);
    expect(() => parseTemplate('{{foo .X}}')).toThrow(/function "foo" not defined/);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (src) => {
        try {
          render(src, web);
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
