// Bash's grammar, parsed by mvdan/sh (the `mvdan-sh` build: plain synchronous
// JavaScript, so it runs in every host of core). This module types the nodes
// the interpreter walks, names the operator tokens, and turns the parser's
// errors into bash's own messages.
import mvdan from 'mvdan-sh';

const { syntax } = mvdan;

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
interface Position {
  Line(): number;
  Col(): number;
  Offset(): number;
}
interface Node {
  Pos(): Position;
  End(): Position;
}
export interface Lit extends Node {
  Value: string;
}
export interface File extends Node {
  Stmts: Stmt[] | null;
}
export interface Stmt extends Node {
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
  InPos: Node & { IsValid(): boolean };
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
  return syntax.NodeType(node);
}

export function list<T>(items: T[] | null | undefined): T[] {
  return items ?? [];
}

export type ParseResult =
  | { ok: true; stmts: Stmt[] }
  | { ok: false; error: string; incomplete: boolean };

const parser = syntax.NewParser(syntax.Variant(syntax.LangBash));

/** Parses a whole script (one or more lines). Never throws. */
export function parseScript(source: string): ParseResult {
  try {
    const file = parser.Parse(source.endsWith('\n') ? source : source + '\n', '') as unknown as File;
    return { ok: true, stmts: list(file.Stmts) };
  } catch (err) {
    if (!isParseError(err)) return { ok: false, error: 'bash: syntax error', incomplete: false };
    const incomplete = syntax.IsIncomplete(err);
    return { ok: false, error: bashSyntaxError(source, err, incomplete), incomplete };
  }
}

interface ParseError {
  Text: string;
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
      const quote = /`(.)'|"(.)"/.exec(err.Text);
      return `bash: unexpected EOF while looking for matching \`${quote?.[1] ?? quote?.[2] ?? '"'}'`;
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

/** The source text of a node, for `set -x`, job names and function bodies. */
export function sourceOf(source: string, node: Node): string {
  return source.slice(node.Pos().Offset(), node.End().Offset());
}
