// Bash's grammar, parsed by mvdan/sh (the `mvdan-sh` build: plain synchronous
// JavaScript, so it runs in every host of core). The parser's Go objects are
// copied once into plain objects (reading them through the package's wrappers
// costs a fraction of a millisecond per field, far too slow for a loop); this
// module types those nodes, names the operator tokens, and turns the parser's
// errors into bash's own messages.
import mvdan from 'mvdan-sh';
import { encodeUtf8, utf8Decoder } from '../../base/utf8.js';

/** V8's stack-trace hooks, which the GopherJS runtime leans on. */
const errorHooks = Error as unknown as { stackTraceLimit: number; prepareStackTrace?: (err: Error, frames: unknown[]) => string };
// Loading the package sets an unlimited stack-trace depth for every error of the app; keep the host's.
const hostTraceLimit = errorHooks.stackTraceLimit;
const { syntax } = mvdan;
errorHooks.stackTraceLimit = hostTraceLimit;

/**
 * Runs the parser the way its runtime expects: it recovers from its own
 * panics by comparing stack depths (`new Error().stack` line counts), so
 * traces must be whole but need no text; source-map hooks of test runners
 * would otherwise map every frame of a 1.5 MB one-line file.
 */
/** Frames a trace keeps while parsing: deeper than any parse plus its callers, so depths still compare. */
const PARSER_TRACE_DEPTH = 2000;

function withParserStacks<T>(run: () => T): T {
  const limit = errorHooks.stackTraceLimit;
  const prepare = errorHooks.prepareStackTrace;
  errorHooks.stackTraceLimit = PARSER_TRACE_DEPTH;
  errorHooks.prepareStackTrace = (_err, frames) => 'Error' + '\n'.repeat(frames.length);
  try {
    return run();
  } finally {
    errorHooks.stackTraceLimit = limit;
    errorHooks.prepareStackTrace = prepare;
  }
}

/** Operator tokens in the order mvdan/sh's `token` constants are declared (tokens.go); a node's `Op` is an index here. */
const TOKENS = [
  'illegal', 'EOF', 'newline', 'lit', 'litWord', 'litRedir',
  "'", '"', '`',
  '&', '&&', '||', '|', '|&',
  '$', "$'", '$"', '${', '$[', '$(', '$((', '[', '[[', '(', '((',
  '}', ']', ')', '))', ';',
  ';;', ';&', ';;&', ';|',
  '!', '~', '++', '--', '*', '**', '==', '!=', '<=', '>=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=',
  '>', '>>', '<', '<>', '<&', '>&', '>|', '<<', '<<-', '<<<', '&>', '&>>',
  '<(', '>(',
  '+', ':+', '-', ':-', '?', ':?', '=', ':=', '%', '%%', '#', '##', '^', '^^', ',', ',,', '@', '/', '//', ':',
  '-e', '-f', '-d', '-c', '-b', '-p', '-S', '-L', '-k', '-g', '-u', '-G', '-O', '-N', '-r', '-w', '-x', '-s', '-t',
  '-z', '-n', '-o', '-v', '-R',
  '=~', '-nt', '-ot', '-ef', '-eq', '-ne', '-le', '-ge', '-lt', '-gt',
  '?(', '*(', '+(', '@(', '!(',
] as const;

export type Token = (typeof TOKENS)[number];

/** The text of an operator token (`Op` of a node). */
export function tokenText(op: number): Token {
  return TOKENS[op] ?? 'illegal';
}

// Nodes, as mvdan/sh's Go structs (absent pointers and empty slices may read as null).
/** A node: `type` is its Go type name (`CallExpr`, `Lit`, ...). Positions are byte offsets in the source, -1 when absent. */
interface Node {
  type: string;
}
export interface Lit extends Node {
  Value: string;
}
export interface BraceExp extends Node {
  Sequence: boolean;
  Elems: Word[] | null;
}
export interface File extends Node {
  Stmts: Stmt[] | null;
}
export interface Stmt extends Node {
  Position: number;
  /** Where `;`, `&` or the newline ending the statement is. */
  Semicolon: number;
  Cmd: Command | null;
  Negated: boolean;
  Background: boolean;
  Redirs: Redirect[] | null;
}
export interface Redirect extends Node {
  Op: number;
  N: Lit | null;
  Word: Word | null;
  Hdoc: Word | null;
}
export interface Word extends Node {
  Parts: WordPart[] | null;
  /** The parts with `{a,b}` and `{1..3}` split out as BraceExp nodes, when the word has any. */
  Braced?: WordPart[] | null;
}
export type WordPart = Lit | SglQuoted | DblQuoted | ParamExp | CmdSubst | ArithmExp | Node;
export interface SglQuoted extends Node {
  Dollar: boolean;
  Value: string;
}
export interface DblQuoted extends Node {
  Dollar: boolean;
  Parts: WordPart[] | null;
}
export interface ParamExp extends Node {
  Short: boolean;
  Excl: boolean;
  Length: boolean;
  Param: Lit;
  Index: ArithmExpr | null;
  Slice: { Offset: ArithmExpr | null; Length: ArithmExpr | null } | null;
  Repl: { All: boolean; Orig: Word | null; With: Word | null } | null;
  Names: number;
  Exp: { Op: number; Word: Word | null } | null;
}
export interface CmdSubst extends Node {
  Stmts: Stmt[] | null;
}
export interface ArithmExp extends Node {
  Left: number;
  Right: number;
  X: ArithmExpr | null;
}
export type ArithmExpr = BinaryArithm | UnaryArithm | ParenArithm | Word;
export interface BinaryArithm extends Node {
  Op: number;
  X: ArithmExpr;
  Y: ArithmExpr;
}
export interface UnaryArithm extends Node {
  Op: number;
  Post: boolean;
  X: ArithmExpr;
}
export interface ParenArithm extends Node {
  X: ArithmExpr;
}
export interface Assign extends Node {
  Append: boolean;
  Naked: boolean;
  Name: Lit | null;
  Index: ArithmExpr | null;
  Value: Word | null;
  Array: { Elems: { Index: ArithmExpr | null; Value: Word | null }[] | null } | null;
}
export type Command = Node;
export interface CallExpr extends Node {
  Assigns: Assign[] | null;
  Args: Word[] | null;
}
export interface IfClause extends Node {
  Cond: Stmt[] | null;
  Then: Stmt[] | null;
  Else: IfClause | null;
}
export interface WhileClause extends Node {
  Until: boolean;
  Cond: Stmt[] | null;
  Do: Stmt[] | null;
}
export interface ForClause extends Node {
  Select: boolean;
  Loop: WordIter | CStyleLoop;
  Do: Stmt[] | null;
}
export interface WordIter extends Node {
  Name: Lit;
  InPos: number;
  Items: Word[] | null;
}
export interface CStyleLoop extends Node {
  Init: ArithmExpr | null;
  Cond: ArithmExpr | null;
  Post: ArithmExpr | null;
}
export interface CaseClause extends Node {
  Word: Word;
  Items: { Op: number; Patterns: Word[] | null; Stmts: Stmt[] | null }[] | null;
}
export interface Block extends Node {
  Stmts: Stmt[] | null;
}
export type Subshell = Block;
export interface BinaryCmd extends Node {
  Op: number;
  X: Stmt;
  Y: Stmt;
}
export interface FuncDecl extends Node {
  Name: Lit;
  Body: Stmt;
}
export interface ArithmCmd extends Node {
  Left: number;
  Right: number;
  X: ArithmExpr | null;
}
export type TestExpr = BinaryTest | UnaryTest | ParenTest | Word;
export interface TestClause extends Node {
  X: TestExpr;
}
export interface BinaryTest extends Node {
  Op: number;
  X: TestExpr;
  Y: TestExpr;
}
export interface UnaryTest extends Node {
  Op: number;
  X: TestExpr;
}
export interface ParenTest extends Node {
  X: TestExpr;
}
export interface DeclClause extends Node {
  Variant: Lit;
  Args: Assign[] | null;
}
export interface LetClause extends Node {
  Exprs: ArithmExpr[] | null;
}

/** The node's Go type name: `CallExpr`, `ForClause`, `Lit`, ... */
export function nodeType(node: unknown): string {
  return (node as Node | null)?.type ?? '';
}

/** A Go value inside the parser's output (GopherJS representation). */
interface GoValue {
  constructor: { string?: string; nil?: unknown; elem?: { fields?: { prop: string; name: string }[] } };
  $array?: unknown[];
  $offset?: number;
  $length?: number;
  [field: string]: unknown;
}

/**
 * Copies the parser's Go objects into plain nodes: structs to objects with
 * `type`, slices to arrays, positions to offsets. Words with a `{` also get
 * their brace-split parts (`braces` is false inside those, which keep any `{` they could not split).
 */
function plain(value: unknown, braces = true): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const go = value as GoValue;
  if (go.$array !== undefined) {
    const out: unknown[] = [];
    for (let i = 0; i < (go.$length ?? 0); i++) out.push(plain(go.$array[(go.$offset ?? 0) + i], braces));
    return out;
  }
  const typeName = go.constructor.string ?? '';
  // A nil pointer, or a nil interface (a plain object with no Go type).
  if (go.constructor.nil === go || typeName === '') return null;
  if (typeName.endsWith('syntax.Pos')) return (go.lineCol as number) === 0 ? -1 : (go.offs as number);
  const node: Record<string, unknown> = { type: typeName.replace(/^\*?syntax\./, '') };
  for (const field of go.constructor.elem?.fields ?? []) {
    if (field.name !== 'Comments') node[field.name] = plain(go[field.prop], braces);
  }
  if (braces && node.type === 'Word' && (node.Parts as { type: string; Value?: string }[]).some((p) => p.type === 'Lit' && p.Value!.includes('{'))) {
    const split = syntax.SplitBraces({ __internal_object__: value }) as { __internal_object__: unknown };
    node.Braced = (plain(split.__internal_object__, false) as Word).Parts;
  }
  return node;
}

export function list<T>(items: T[] | null | undefined): T[] {
  return items ?? [];
}

export type ParseResult =
  | { ok: true; stmts: Stmt[] }
  | { ok: false; error: string; incomplete: boolean; where: SyntaxErrorPlace };

/** Where a script's syntax error is, for the `NAME: line N:` form a non-interactive bash prints. */
export interface SyntaxErrorPlace {
  line: number;
  /** The line bash quotes after a misplaced token. */
  quoted?: string;
  /** An unclosed quote also ends the script: bash then reports the end of file on this line. */
  endOfFileLine?: number;
}

const parser = syntax.NewParser(syntax.Variant(syntax.LangBash));

/** Parses a whole script (one or more lines). Never throws. */
export function parseScript(source: string): ParseResult {
  return withParserStacks(() => parseWithParser(source));
}

function parseWithParser(source: string): ParseResult {
  try {
    const parsed = parser.Parse(source.endsWith('\n') ? source : source + '\n', '') as unknown as { __internal_object__: unknown };
    const file = plain(parsed.__internal_object__) as File;
    return { ok: true, stmts: list(file.Stmts) };
  } catch (err) {
    if (!isParseError(err)) return { ok: false, error: 'bash: syntax error', incomplete: false, where: { line: 1 } };
    const incomplete = err.Incomplete === true;
    const error = bashSyntaxError(source, err, incomplete);
    const lastLine = (source.endsWith('\n') ? source : source + '\n').split('\n').length;
    let where: SyntaxErrorPlace;
    if (error.startsWith('bash: unexpected EOF')) where = { line: err.Pos.Line(), endOfFileLine: lastLine };
    else if (incomplete) where = { line: lastLine };
    else where = { line: err.Pos.Line(), quoted: source.split('\n')[err.Pos.Line() - 1] ?? '' };
    return { ok: false, error, incomplete, where };
  }
}

/** A script's syntax error as bash prints it: `bash: -c: line 1: MESSAGE`, the line quoted, the end of file. */
export function scriptSyntaxError(error: string, where: SyntaxErrorPlace, script: string): string {
  const at = (line: number): string => `${script}: line ${line}: `;
  let text = at(where.line) + error.replace(/^bash: /, '') + '\n';
  if (where.quoted !== undefined) text += `${at(where.line)}\`${where.quoted}'\n`;
  if (where.endOfFileLine !== undefined) text += `${at(where.endOfFileLine)}syntax error: unexpected end of file\n`;
  return text;
}

interface ParseError {
  Text: string;
  Incomplete?: boolean;
  Pos: { Line(): number; Col(): number; Offset(): number };
}

function isParseError(err: unknown): err is ParseError {
  return typeof err === 'object' && err !== null && typeof (err as ParseError).Text === 'string';
}

/** Words bash reports as the unexpected token when they stand where a command should. */
const RESERVED = /^(then|else|elif|fi|do|done|esac|in|\}|\)|;;|;&|;;&|\|\||&&|\||&|;|\(\)?)$/;
const TOKEN_AT = /^(;;&|;;|;&|\|\||&&|\|&|\||&|;|\(|\)|\{|\}|<<<|<<-|<<|>>|&>>|&>|<&|>&|<>|<|>|[^\s;&|()<>]+)/;

/** bash's wording: `syntax error near unexpected token `X'` (or at end of input). */
function bashSyntaxError(source: string, err: ParseError, incomplete: boolean): string {
  if (incomplete) {
    if (/quote|reached EOF without closing/.test(err.Text)) {
      const quote = /closing quote (.)$|`(.)'|"(.)"/.exec(err.Text);
      return `bash: unexpected EOF while looking for matching \`${quote?.[1] ?? quote?.[2] ?? quote?.[3] ?? '"'}'`;
    }
    return 'bash: syntax error: unexpected end of file';
  }
  const lines = source.split('\n');
  const line = lines[err.Pos.Line() - 1] ?? '';
  const at = line.slice(Math.max(0, err.Pos.Col() - 1));
  const first = TOKEN_AT.exec(at)?.[0];
  // The parser points at the statement that went wrong; bash names the token after it when that one is fine.
  if (first && RESERVED.test(first) && !/must be followed by|must end with|unclosed/.test(err.Text)) {
    return `bash: syntax error near unexpected token \`${first}'`;
  }
  const rest = at.slice(first?.length ?? 0).replace(/^[ \t]+/, '');
  const next = TOKEN_AT.exec(rest)?.[0];
  return `bash: syntax error near unexpected token \`${next ?? 'newline'}'`;
}

/** True when bash would prompt for more (`> `): an open quote, loop, `if`, here-document, trailing `|`... */
export function isIncomplete(source: string): boolean {
  const result = parseScript(source);
  return !result.ok && result.incomplete;
}

/** The source text between two byte offsets (job names, arithmetic in error messages). */
export function sourceBetween(source: string, from: number, to: number): string {
  const bytes = encodeUtf8(source);
  return utf8Decoder().decode(bytes.slice(Math.max(0, from), to < 0 ? bytes.length : to));
}
