// One YAML text parsed with positions, so every problem found in it, by the
// parser, by a JSON Schema or by a rule a schema cannot say, is reported as
// `file:line:col: what is wrong` at the node it concerns.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A schema path of keys and indexes, as in `containers[0].ports[1]`. */
export type YamlPath = Array<string | number>;

/** Wording for a failed `pattern`, which only the file's own format can put in words. */
export type DescribePattern = (path: YamlPath) => string;

export class PositionedYaml {
  readonly doc: Document;
  /** Syntax errors and warnings, already positioned. */
  readonly errors: string[];
  private readonly lines = new LineCounter();

  constructor(
    /** The file's name as messages show it. */
    readonly shownPath: string,
    readonly text: string,
    /** Lines before this text in its file (front matter starts after `---`). */
    protected readonly lineOffset = 0,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.errors = [...this.doc.errors, ...this.doc.warnings].map((e) => this.at(e.pos[0], e.message.split('\n')[0]));
  }

  position(offset: number): { line: number; col: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, col };
  }

  at(offset: number, message: string): string {
    const { line, col } = this.position(offset);
    return `${this.shownPath}:${line}:${col}: ${message}`;
  }

  /** The node at a path of keys and indexes, or the deepest one that exists. */
  node(path: YamlPath): Node | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const found = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (found && typeof found === 'object' && 'range' in found) return found as Node;
    }
    return undefined;
  }

  /** Error at the node a path names (or its key, for a misspelt property). */
  atPath(path: YamlPath, message: string, key?: string): string {
    const node = this.node(path);
    let offset = node?.range?.[0] ?? 0;
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (keyRange) offset = keyRange[0];
    }
    return this.at(offset, `${describePath(path)}${message}`);
  }

  /** Every schema error in the document, each once, at the node it concerns. */
  schemaErrors(validate: ValidateFunction, describePattern?: DescribePattern): string[] {
    if (validate(this.doc.toJS())) return [];
    return [...new Set((validate.errors ?? []).map((e) => this.schemaError(e, describePattern)))];
  }

  private schemaError(error: ErrorObject, describePattern?: DescribePattern): string {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      return this.atPath(path, `unknown field "${key}"`, key);
    }
    if (error.keyword === 'enum') return this.atPath(path, `${error.message}: ${(params.allowedValues as unknown[]).join(', ')}`);
    if (error.keyword === 'pattern' && describePattern) return this.atPath(path, `is not ${describePattern(path)}`);
    return this.atPath(path, error.message ?? 'is invalid');
  }
}

/** `containers[0].ports: `, the prefix a message about a node starts with ('' at the top). */
export function describePath(path: YamlPath): string {
  if (path.length === 0) return '';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') + ': ';
}
