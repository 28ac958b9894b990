// Chapter narrative: Markdown to safe HTML. Safe by construction: raw HTML in
// the source is shown as text, links and images keep only harmless URLs, and
// code is escaped by highlight.js. Fenced blocks whose info string names a
// terminal (```sh terminal=c1```) become runnable command blocks.
import { Marked, type Tokens } from 'marked';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import yaml from 'highlight.js/lib/languages/yaml';

hljs.registerLanguage('bash', bash);
hljs.registerLanguage('sh', bash);
hljs.registerLanguage('shell', bash);
hljs.registerLanguage('console', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('yaml', yaml);
hljs.registerLanguage('plaintext', plaintext);
hljs.registerLanguage('text', plaintext);

/** A command the learner can send to a terminal with one click. */
export interface CommandBlock {
  terminal: string;
  command: string;
}

export interface RenderedMarkdown {
  html: string;
  /** Indexed by the `data-command-index` attribute of the block's buttons. */
  commands: CommandBlock[];
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * A blockquote whose first words are `Docker <version>:` is a version note:
 * behaviour that differs from the lab's Docker 20.10 on a later release.
 */
const VERSION_NOTE = /^<p>Docker (\d+(?:\.\d+)*\+?):/;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s), mailto, in-page anchors and relative paths survive; `javascript:` and friends do not. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
  const normalized = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(normalized);
  return scheme ? SAFE_SCHEMES.has(scheme[1].toLowerCase()) : true;
}

export function highlightCode(code: string, language: string | undefined): string {
  const lang = language && hljs.getLanguage(language) ? language : 'plaintext';
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

/** Reads `terminal=c1` from a fence's info string, e.g. "sh terminal=c1". */
export function fenceTerminal(info: string | undefined): string | undefined {
  const match = /(?:^|\s)terminal=([\w-]+)/.exec(info ?? '');
  return match?.[1];
}

export function commandBlockHtml(block: CommandBlock, index: number, language = 'bash'): string {
  const terminal = escapeHtml(block.terminal);
  return (
    `<div class="command-block">` +
    `<pre><code class="hljs language-${escapeHtml(language)}">${highlightCode(block.command, language)}</code></pre>` +
    `<div class="command-actions">` +
    `<button type="button" class="run" data-command-action="run" data-command-index="${index}" data-run-terminal="${terminal}">Run in ${terminal}</button>` +
    `<button type="button" class="copy" data-command-action="copy" data-command-index="${index}">Copy</button>` +
    `</div></div>`
  );
}

/** A Marked instance that renders safely; runnable blocks are collected into `commands`. */
function safeMarked(commands: CommandBlock[]): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code): string {
        const language = lang?.split(/\s+/)[0] || undefined;
        const terminal = fenceTerminal(lang);
        if (terminal) {
          commands.push({ terminal, command: text.trim() });
          return commandBlockHtml(commands[commands.length - 1], commands.length - 1, language);
        }
        // Focusable, so a wide block (a diagram, a listing) scrolls from the keyboard too.
        return `<pre tabindex="0"><code class="hljs">${highlightCode(text, language)}</code></pre>`;
      },
      blockquote({ tokens }: Tokens.Blockquote): string {
        const body = this.parser.parse(tokens);
        const note = VERSION_NOTE.exec(body);
        if (!note) return `<blockquote>\n${body}</blockquote>\n`;
        const version = note[1];
        return (
          `<div class="version-note" role="note" data-version="${version}" aria-label="Version note: Docker ${version}">` +
          `<p><strong class="version-label">Docker ${version}:</strong>${body.slice(note[0].length)}</div>\n`
        );
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        if (!isSafeUrl(href)) return inner;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(href)}"${titleAttr} rel="noopener noreferrer">${inner}</a>`;
      },
      image({ href, title, text }: Tokens.Image): string {
        if (!isSafeUrl(href)) return escapeHtml(text);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttr}>`;
      },
    },
  });
}

export function renderMarkdown(source: string): RenderedMarkdown {
  const commands: CommandBlock[] = [];
  const html = safeMarked(commands).parse(source) as string;
  return { html, commands };
}

/** One line of Markdown (a hint): `code`, emphasis and links, no blocks. */
export function renderInline(source: string): string {
  return safeMarked([]).parseInline(source) as string;
}

/** Drops a leading `# Title` that repeats the title the pane already shows. */
export function withoutLeadingTitle(markdown: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)/.exec(markdown);
  return match && match[1].trim() === title.trim() ? markdown.slice(match[0].length) : markdown;
}
