// The part of Go's text/template that `docker inspect -f` users need: fields,
// variables, pipelines, range/if/with/else/end, and the usual functions
// (json, index, len, join, print, println, printf, upper, lower, eq, ne, not).

type Value = unknown;
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe }
  | { kind: 'range' | 'if' | 'with'; pipe: Pipe; vars: string[]; body: Node[]; otherwise: Node[] };
type Operand =
  | { kind: 'field'; base: 'dot' | string; path: string[] }
  | { kind: 'literal'; value: Value }
  | { kind: 'ident'; name: string }
  | { kind: 'sub'; pipe: Pipe; path: string[] };
type Pipe = Operand[][];

export class TemplateError extends Error {}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  json: (v) => JSON.stringify(v ?? null).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
  index: (v, ...keys) => keys.reduce((acc: Value, k) => (acc == null ? undefined : (acc as Record<string, Value>)[String(k)]), v),
  len: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  join: (v, sep) => (Array.isArray(v) ? v.map(show).join(String(sep)) : show(v)),
  print: (...a) => a.map(show).join(''),
  println: (...a) => `${a.map(show).join(' ')}\n`,
  printf: (fmt, ...a) => {
    let i = 0;
    return String(fmt).replace(/%[sdvq%]/g, (m) => (m === '%%' ? '%' : m === '%q' ? JSON.stringify(show(a[i++])) : show(a[i++])));
  },
  upper: (v) => show(v).toUpperCase(),
  lower: (v) => show(v).toLowerCase(),
  title: (v) => show(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  split: (v, sep) => show(v).split(String(sep)),
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  not: (v) => !truthy(v),
  and: (...a) => a.find((x) => !truthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truthy(x)) ?? a[a.length - 1],
};

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

/** How Go's fmt prints a value with %v. */
export function show(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, Value>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, x]) => `${k}:${show(x)}`).join(' ')}]`;
  }
  return String(v);
}

// ---- parsing -----------------------------------------------------------------

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?)|(\$[\w]*(?:\.[\w]+)*)|(\.[\w]*(?:\.[\w]+)*)|([A-Za-z_]\w*)|(:=|[|(),])|(\S))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < src.length && (m = TOKEN.exec(src))) {
    const tok = m.slice(1).find((x) => x !== undefined);
    if (tok === undefined) break;
    out.push(tok);
  }
  return out;
}

class ActionParser {
  private i = 0;
  constructor(private readonly tokens: string[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): string | undefined {
    return this.tokens[this.i];
  }

  next(): string | undefined {
    return this.tokens[this.i++];
  }

  pipe(): Pipe {
    const cmds: Operand[][] = [[]];
    while (!this.done() && this.peek() !== ')') {
      const t = this.next()!;
      if (t === '|') {
        cmds.push([]);
        continue;
      }
      cmds[cmds.length - 1].push(this.operand(t));
    }
    if (cmds.some((c) => c.length === 0)) throw new TemplateError('missing value for command');
    return cmds;
  }

  private operand(t: string): Operand {
    if (t.startsWith('"')) return { kind: 'literal', value: JSON.parse(t) };
    if (t.startsWith('`')) return { kind: 'literal', value: t.slice(1, -1) };
    if (/^-?\d/.test(t)) return { kind: 'literal', value: Number(t) };
    if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
    if (t === 'nil') return { kind: 'literal', value: null };
    if (t.startsWith('.')) return { kind: 'field', base: 'dot', path: t.split('.').filter(Boolean) };
    if (t.startsWith('$')) {
      const [name, ...path] = t.split('.');
      return { kind: 'field', base: name, path };
    }
    if (t === '(') {
      const pipe = this.pipe();
      if (this.next() !== ')') throw new TemplateError('unclosed left paren');
      let path: string[] = [];
      const after = this.peek();
      if (after?.startsWith('.') && after.length > 1) path = this.next()!.split('.').filter(Boolean);
      return { kind: 'sub', pipe, path };
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (!FUNCTIONS[t]) throw new TemplateError(`function "${t}" not defined`);
      return { kind: 'ident', name: t };
    }
    throw new TemplateError(`unexpected "${t}" in operand`);
  }
}

/** Parses a template; throws TemplateError with Go's message. */
export function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { body: Node[] }>; inElse: boolean }[] = [];
  const target = () => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.otherwise : top.node.body) : root;
  };
  let pos = 0;
  let trimNext = false;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) target().push({ kind: 'text', text });
      break;
    }
    const close = src.indexOf('}}', open);
    if (close < 0) throw new TemplateError('unclosed action');
    let inner = src.slice(open + 2, close);
    if (inner.startsWith('- ')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(2);
    }
    trimNext = inner.endsWith(' -');
    if (trimNext) inner = inner.slice(0, -2);
    if (text) target().push({ kind: 'text', text });
    pos = close + 2;
    const tokens = tokenize(inner);
    const head = tokens[0];
    if (head === undefined) throw new TemplateError('missing value for command');
    if (head === 'end') {
      if (!stack.pop()) throw new TemplateError('unexpected {{end}}');
      continue;
    }
    if (head === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new TemplateError('unexpected {{else}}');
      top.inElse = true;
      continue;
    }
    if (head === 'range' || head === 'if' || head === 'with') {
      let rest = tokens.slice(1);
      const vars: string[] = [];
      const decl = rest.indexOf(':=');
      if (decl >= 0) {
        vars.push(...rest.slice(0, decl).filter((t) => t !== ','));
        rest = rest.slice(decl + 1);
      }
      const node: Extract<Node, { body: Node[] }> = { kind: head, pipe: new ActionParser(rest).pipe(), vars, body: [], otherwise: [] };
      target().push(node);
      stack.push({ node, inElse: false });
      continue;
    }
    const parser = new ActionParser(tokens);
    const pipe = parser.pipe();
    if (!parser.done()) throw new TemplateError(`unexpected "${parser.peek()}" in operand`);
    target().push({ kind: 'action', pipe });
  }
  if (stack.length) throw new TemplateError('unexpected EOF');
  return root;
}

// ---- execution ---------------------------------------------------------------

function field(v: Value, path: string[]): Value {
  let cur = v;
  for (const key of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Value>)[key];
  }
  return cur;
}

function evalPipe(pipe: Pipe, dot: Value, vars: Map<string, Value>): Value {
  let prev: Value = undefined;
  pipe.forEach((cmd, i) => {
    const args = cmd.map((o) => evalOperand(o, dot, vars));
    if (i > 0) args.push(prev);
    const head = cmd[0];
    if (head.kind === 'ident') prev = FUNCTIONS[head.name](...args.slice(1));
    else prev = args[0];
  });
  return prev;
}

function evalOperand(o: Operand, dot: Value, vars: Map<string, Value>): Value {
  switch (o.kind) {
    case 'literal':
      return o.value;
    case 'ident':
      return undefined;
    case 'field':
      return field(o.base === 'dot' ? dot : vars.get(o.base === '$' ? '$' : o.base), o.path);
    case 'sub':
      return field(evalPipe(o.pipe, dot, vars), o.path);
  }
}

function run(nodes: Node[], dot: Value, vars: Map<string, Value>, out: string[]): void {
  for (const n of nodes) {
    if (n.kind === 'text') out.push(n.text);
    else if (n.kind === 'action') out.push(show(evalPipe(n.pipe, dot, vars)));
    else {
      const v = evalPipe(n.pipe, dot, vars);
      if (n.kind === 'if') run(truthy(v) ? n.body : n.otherwise, dot, vars, out);
      else if (n.kind === 'with') run(truthy(v) ? n.body : n.otherwise, truthy(v) ? v : dot, vars, out);
      else {
        const entries: [Value, Value][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object'
            ? Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            : [];
        if (entries.length === 0) run(n.otherwise, dot, vars, out);
        for (const [k, x] of entries) {
          const scope = new Map(vars);
          if (n.vars.length === 1) scope.set(n.vars[0], x);
          if (n.vars.length === 2) {
            scope.set(n.vars[0], k);
            scope.set(n.vars[1], x);
          }
          run(n.body, x, scope, out);
        }
      }
    }
  }
}

/** Executes a template against a value (docker inspect's object). */
export function executeTemplate(nodes: Node[], value: Value): string {
  const out: string[] = [];
  run(nodes, value, new Map([['$', value]]), out);
  return out.join('');
}

// cspell:words sdvq
