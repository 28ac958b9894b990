import { describe, expect, it } from 'vitest';
import { fenceTerminal, isSafeUrl, renderInline, renderMarkdown, withoutLeadingTitle } from '../../../src-renderer/lib/lesson/markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, emphasis and inline code', () => {
    const { html } = renderMarkdown('# The bridge\n\nPackets leave **docker0** via `vethd3f2`.');
    expect(html).toContain('<h1>The bridge</h1>');
    expect(html).toContain('<strong>docker0</strong>');
    expect(html).toContain('<code>vethd3f2</code>');
  });

  it('shows raw HTML as text instead of running it', () => {
    const { html } = renderMarkdown('Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links but keeps their text, keeps http links', () => {
    const { html } = renderMarkdown('[click](javascript:alert(1)) and [docs](https://docs.docker.com/network/)');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('click');
    expect(html).toContain('<a href="https://docs.docker.com/network/" rel="noopener noreferrer">docs</a>');
  });

  it('highlights shell code and escapes it', () => {
    const { html } = renderMarkdown('```bash\necho "<b>" > /tmp/x\n```');
    expect(html).toContain('class="hljs"');
    expect(html).toContain('hljs-built_in');
    expect(html).not.toContain('<b>');
  });

  it('turns a fence naming a terminal into a runnable block with Run and Copy buttons', () => {
    const { html, commands } = renderMarkdown('Try it:\n\n```sh terminal=c1\nping -c 2 172.17.0.1\n```\n\n```sh terminal=host\nip link\n```');
    expect(commands).toEqual([
      { terminal: 'c1', command: 'ping -c 2 172.17.0.1' },
      { terminal: 'host', command: 'ip link' },
    ]);
    expect(html).toContain('data-command-index="0" data-run-terminal="c1">Run in c1</button>');
    expect(html).toContain('data-command-index="1" data-run-terminal="host">Run in host</button>');
    expect((html.match(/>Copy</g) ?? []).length).toBe(2);
    // The terminal panes own data-terminal; buttons must not collide with that test hook.
    expect(html).not.toContain('data-terminal=');
  });
});

describe('isSafeUrl', () => {
  it.each([
    ['https://example.org', true],
    ['#step-2', true],
    ['images/bridge.svg', true],
    ['mailto:teacher@example.org', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['vbscript:msgbox', false],
  ])('%s -> %s', (url, safe) => expect(isSafeUrl(url)).toBe(safe));
});

describe('fenceTerminal', () => {
  it('reads the terminal name from the info string', () => {
    expect(fenceTerminal('sh terminal=host01')).toBe('host01');
    expect(fenceTerminal('bash')).toBeUndefined();
    expect(fenceTerminal(undefined)).toBeUndefined();
  });
});

describe('withoutLeadingTitle', () => {
  it('drops a first heading equal to the title and keeps anything else', () => {
    expect(withoutLeadingTitle('# The map\n\nText', 'The map')).toBe('\nText');
    expect(withoutLeadingTitle('\n# The map #\nText', 'The map')).toBe('Text');
    expect(withoutLeadingTitle('# Another\n\nText', 'The map')).toBe('# Another\n\nText');
    expect(withoutLeadingTitle('Intro\n# The map', 'The map')).toBe('Intro\n# The map');
  });
});

describe('renderInline', () => {
  it('renders code spans in a hint without wrapping it in a paragraph, and stays safe', () => {
    expect(renderInline('Run `ip -br addr` in the **host** terminal')).toBe('Run <code>ip -br addr</code> in the <strong>host</strong> terminal');
    expect(renderInline('<img src=x onerror=alert(1)> [x](javascript:alert(1))')).not.toMatch(/<img|javascript:/);
  });
});

describe('version notes', () => {
  it('renders a blockquote starting "Docker 28:" as a labelled version note', () => {
    const { html } = renderMarkdown('Text.\n\n> Docker 28: container MACs are **random**;\n> they no longer follow the IPv4 address.\n');
    expect(html).toContain('<div class="version-note" role="note" data-version="28" aria-label="Version note: Docker 28">');
    expect(html).toContain('<p><strong class="version-label">Docker 28:</strong> container MACs are <strong>random</strong>;');
    expect(html).not.toContain('<blockquote>');
  });

  it('keeps the release number as written, a trailing plus included', () => {
    expect(renderMarkdown('> Docker 27.3+: br_netfilter loads only when needed.').html).toContain('data-version="27.3+"');
  });

  it('leaves other blockquotes as blockquotes', () => {
    const { html } = renderMarkdown('> Note: Docker 28 changed this.');
    expect(html).toContain('<blockquote>');
    expect(html).not.toContain('version-note');
  });
});
