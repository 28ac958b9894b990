// awk's grammar (POSIX, as mawk takes it) into a tree the interpreter walks.
import { AwkSyntaxError, tokenize, type Token } from './lexer.js';

export type LValue = { t: 'var'; name: string } | { t: 'index'; name: string; subs: Expr[] } | { t: 'field'; index: Expr };

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'regex'; src: string }
  | LValue
  | { t: 'assign'; op: string; target: LValue; value: Expr }
  | { t: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { t: 'and' | 'or'; a: Expr; b: Expr }
  | { t: 'in'; subs: Expr[]; name: string }
  | { t: 'match'; negate: boolean; a: Expr; re: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'concat'; a: Expr; b: Expr }
  | { t: 'unary'; op: string; a: Expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { t: 'call'; name: string; args: Expr[]; line: number }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; from: 'main' | 'file' | 'command'; target?: LValue; src?: Expr }
  | { t: 'group'; list: Expr[] };

export interface Redirect {
  kind: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { t: 'expr'; e: Expr }
  | { t: 'print' | 'printf'; args: Expr[]; redirect?: Redirect }
  | { t: 'if'; test: Expr; then: Stmt; otherwise?: Stmt }
  | { t: 'while'; test: Expr; body: Stmt }
  | { t: 'do'; body: Stmt; test: Expr }
  | { t: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { t: 'forin'; variable: LValue; array: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' | 'nextfile' | 'break' | 'continue' }
  | { t: 'exit' | 'return'; e?: Expr }
  | { t: 'delete'; name: string; subs?: Expr[] };

export interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  /** Second pattern of a range `p1, p2`. */
  rangeEnd?: Expr;
  action?: Stmt[];
}

export interface AwkFunction {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  items: Item[];
  functions: Map<string, AwkFunction>;
}

export function parseProgram(source: string): Program {
  return new Parser(tokenize(source + '\n')).program();
}

class Parser {
  private pos = 0;
  /** Inside print's arguments outside parentheses, `>` redirects. */
  private printDepth = false;
  /** Inside `for (` ... `)` header before `in` is decided. */
  private noIn = false;

  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.pos];
  }

  private is(text: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  private fail(token = this.tok): never {
    if (token.kind === 'eof') throw new AwkSyntaxError(token.line, 'syntax error at or near end of file');
    const shown = token.kind === 'newline' ? 'end of line' : token.kind === 'string' ? `"${token.text}"` : token.kind === 'regex' ? `/${token.text}/` : token.text;
    throw new AwkSyntaxError(token.line, `syntax error at or near ${shown}`);
  }

  private expect(text: string): Token {
    if (!this.is(text)) {
      if (text === '}' && this.tok.kind === 'eof') throw new AwkSyntaxError(this.tok.line, 'missing } near end of file');
      if (text === ')' && this.tok.kind === 'eof') throw new AwkSyntaxError(this.tok.line, 'missing ) near end of file');
      this.fail();
    }
    return this.tokens[this.pos++];
  }

  private atEnd(): boolean {
    return this.tok.kind === 'eof';
  }

  private skipNewlines(): void {
    while (this.tok.kind === 'newline') this.pos++;
  }

  private skipTerminators(): void {
    while (this.tok.kind === 'newline' || this.is(';')) this.pos++;
  }

  program(): Program {
    const items: Item[] = [];
    const functions = new Map<string, AwkFunction>();
    this.skipTerminators();
    while (this.tok.kind !== 'eof') {
      if (this.is('function')) {
        this.pos++;
        const nameToken = this.tok;
        if (nameToken.kind !== 'name' && nameToken.kind !== 'funcName') this.fail();
        this.pos++;
        this.expect('(');
        const params: string[] = [];
        while (!this.is(')')) {
          if (this.tok.kind !== 'name') this.fail();
          params.push(this.tok.text);
          this.pos++;
          if (this.is(',')) {
            this.pos++;
            this.skipNewlines();
          } else if (!this.is(')')) this.fail();
        }
        this.pos++;
        this.skipNewlines();
        functions.set(nameToken.text, { name: nameToken.text, params, body: this.block() });
      } else if (this.is('BEGIN') || this.is('END')) {
        const kind = this.tok.text === 'BEGIN' ? 'begin' : 'end';
        this.pos++;
        this.skipNewlines();
        items.push({ kind, action: this.block() });
      } else {
        const item: Item = { kind: 'main' };
        if (!this.is('{')) {
          item.pattern = this.expr();
          if (this.is(',')) {
            this.pos++;
            this.skipNewlines();
            item.rangeEnd = this.expr();
          }
        }
        if (this.is('{')) item.action = this.block();
        items.push(item);
      }
      if (!(this.tok.kind === 'newline' || this.is(';') || this.atEnd() || this.is('function') || this.is('BEGIN') || this.is('END') || this.is('{'))) {
        // Items on one line follow each other directly after a `}`.
        if (this.tokens[this.pos - 1].text !== '}') this.fail();
      }
      this.skipTerminators();
    }
    return { items, functions };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.is('}')) {
      if (this.atEnd()) this.expect('}');
      body.push(this.statement());
      this.skipTerminators();
    }
    this.pos++;
    return body;
  }

  /** A statement body after `if (...)`, `else`, `while (...)`, `do`: newlines may come first. */
  private body(): Stmt {
    this.skipNewlines();
    if (this.is(';')) {
      this.pos++;
      return { t: 'block', body: [] };
    }
    return this.statement();
  }

  private endSimple(): void {
    if (this.is(';') || this.tok.kind === 'newline') {
      this.pos++;
      return;
    }
    if (this.is('}') || this.tok.kind === 'eof') return;
    this.fail();
  }

  private statement(): Stmt {
    const tok = this.tok;
    if (this.is('{')) return { t: 'block', body: this.block() };
    if (tok.kind === 'keyword') {
      switch (tok.text) {
        case 'if': {
          this.pos++;
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          const then = this.body();
          // `else` may follow after newlines or a `;`.
          const save = this.pos;
          this.skipTerminators();
          if (this.is('else')) {
            this.pos++;
            return { t: 'if', test, then, otherwise: this.body() };
          }
          this.pos = save;
          return { t: 'if', test, then };
        }
        case 'while': {
          this.pos++;
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.pos++;
            return { t: 'while', test, body: { t: 'block', body: [] } };
          }
          return { t: 'while', test, body: this.body() };
        }
        case 'do': {
          this.pos++;
          const body = this.body();
          this.skipTerminators();
          if (!this.is('while')) this.fail();
          this.pos++;
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          this.endSimple();
          return { t: 'do', body, test };
        }
        case 'for':
          return this.forStatement();
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.pos++;
          this.endSimple();
          return { t: tok.text };
        case 'exit':
        case 'return': {
          this.pos++;
          const e = this.is(';') || this.is('}') || this.tok.kind === 'newline' ? undefined : this.expr();
          this.endSimple();
          return { t: tok.text, e };
        }
        case 'delete': {
          this.pos++;
          if (this.tok.kind !== 'name') this.fail();
          const name = this.tok.text;
          this.pos++;
          let subs: Expr[] | undefined;
          if (this.is('[')) {
            this.pos++;
            subs = this.exprList(']');
          }
          this.endSimple();
          return { t: 'delete', name, subs };
        }
        case 'print':
        case 'printf':
          return this.printStatement();
      }
    }
    const stmt: Stmt = { t: 'expr', e: this.expr() };
    this.endSimple();
    return stmt;
  }

  private forStatement(): Stmt {
    this.pos++;
    this.expect('(');
    const t = this.tokens;
    const p = this.pos;
    if (t[p].kind === 'name' && t[p + 1].text === 'in' && t[p + 2].kind === 'name' && t[p + 3].text === ')') {
      this.pos += 4;
      return { t: 'forin', variable: { t: 'var', name: t[p].text }, array: t[p + 2].text, body: this.body() };
    }
    const init = this.is(';') ? undefined : ({ t: 'expr', e: this.expr() } as Stmt);
    this.expect(';');
    this.skipNewlines();
    const test = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNewlines();
    const step = this.is(')') ? undefined : ({ t: 'expr', e: this.expr() } as Stmt);
    this.expect(')');
    if (this.is(';')) {
      this.pos++;
      return { t: 'for', init, test, step, body: { t: 'block', body: [] } };
    }
    return { t: 'for', init, test, step, body: this.body() };
  }

  private printStatement(): Stmt {
    const kind = this.tok.text as 'print' | 'printf';
    this.pos++;
    let args: Expr[] = [];
    const saved = this.printDepth;
    this.printDepth = true;
    if (!(this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.tok.kind === 'newline' || this.tok.kind === 'eof')) {
      args = [this.expr()];
      while (this.is(',')) {
        this.pos++;
        this.skipNewlines();
        args.push(this.expr());
      }
    }
    this.printDepth = saved;
    // `print (a, b)`: the parenthesised list is the argument list.
    if (args.length === 1 && args[0].t === 'group') args = args[0].list;
    let redirect: Redirect | undefined;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.tok.text as Redirect['kind'];
      this.pos++;
      redirect = { kind: op, target: this.concat(true) };
    }
    this.endSimple();
    return { t: kind, args, redirect };
  }

  private exprList(close: string): Expr[] {
    const list = [this.expr()];
    while (this.is(',')) {
      this.pos++;
      this.skipNewlines();
      list.push(this.expr());
    }
    this.expect(close);
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const test = this.or();
    if (this.is('?')) {
      this.pos++;
      this.skipNewlines();
      const yes = this.ternary();
      this.skipNewlines();
      this.expect(':');
      this.skipNewlines();
      return { t: 'cond', test, yes, no: this.ternary() };
    }
    if (this.tok.kind === 'punct' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.text) && isLValue(test)) {
      const op = this.tok.text;
      this.pos++;
      this.skipNewlines();
      return { t: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.pos++;
      this.skipNewlines();
      a = { t: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.pos++;
      this.skipNewlines();
      a = { t: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in') && !this.noIn) {
      this.pos++;
      if (this.tok.kind !== 'name') this.fail();
      a = { t: 'in', subs: a.t === 'group' ? a.list : [a], name: this.tok.text };
      this.pos++;
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.comparison();
    while (this.is('~') || this.is('!~')) {
      const negate = this.tok.text === '!~';
      this.pos++;
      a = { t: 'match', negate, a, re: this.comparison() };
    }
    return a;
  }

  private comparison(): Expr {
    const a = this.concat(false);
    const t = this.tok;
    if (t.kind === 'punct' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text) && !(t.text === '>' && this.printDepth)) {
      this.pos++;
      return { t: 'bin', op: t.text, a, b: this.concat(false) };
    }
    return a;
  }

  /** Concatenation, and `cmd | getline`; `noPipe` for a print redirection target. */
  private concat(noPipe: boolean): Expr {
    let a = this.additive();
    for (;;) {
      if (!noPipe && this.is('|') && this.is('getline', 1)) {
        this.pos += 2;
        a = { t: 'getline', from: 'command', src: a, target: this.optionalLValue() };
        continue;
      }
      if (!this.startsOperand()) return a;
      a = { t: 'concat', a, b: this.additive() };
    }
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'funcName' || t.kind === 'builtin') return true;
    // `a -1` subtracts and `a !b` is no concatenation, as in mawk.
    return t.kind === 'punct' && ['$', '(', '++', '--'].includes(t.text);
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.tok.text;
      this.pos++;
      a = { t: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.tok.text;
      this.pos++;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.tok.text;
      this.pos++;
      return { t: 'unary', op, a: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.is('^')) {
      this.pos++;
      // Right-associative, and the exponent may carry a sign: 2^-1.
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
      return { t: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.tok.text as '++' | '--';
      this.pos++;
      const target = this.postfix();
      if (!isLValue(target)) this.fail();
      return { t: 'incdec', op, prefix: true, target };
    }
    const e = this.primary();
    if ((this.is('++') || this.is('--')) && isLValue(e)) {
      const op = this.tok.text as '++' | '--';
      this.pos++;
      return { t: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLValue(): LValue | undefined {
    if (this.tok.kind === 'name') {
      const e = this.primary();
      return e as LValue;
    }
    if (this.is('$')) {
      this.pos++;
      return { t: 'field', index: this.fieldIndex() };
    }
    return undefined;
  }

  /** The operand of `$`: a primary with its ++/--, not a whole expression ($NF-1 is ($NF)-1). */
  private fieldIndex(): Expr {
    if (this.is('++') || this.is('--') || this.is('-') || this.is('!')) return this.unary();
    return this.primary();
  }

  private primary(): Expr {
    const tok = this.tok;
    switch (tok.kind) {
      case 'number':
        this.pos++;
        return { t: 'num', v: tok.value! };
      case 'string':
        this.pos++;
        return { t: 'str', v: tok.text };
      case 'regex':
        this.pos++;
        return { t: 'regex', src: tok.text };
      case 'funcName': {
        this.pos += 2;
        const args = this.is(')') ? (this.pos++, []) : this.exprList(')');
        return { t: 'call', name: tok.text, args, line: tok.line };
      }
      case 'builtin': {
        this.pos++;
        if (!this.is('(')) {
          if (tok.text === 'length') return { t: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.pos++;
        const saved = this.printDepth;
        this.printDepth = false;
        const args = this.is(')') ? (this.pos++, []) : this.exprList(')');
        this.printDepth = saved;
        return { t: 'builtin', name: tok.text, args };
      }
      case 'name': {
        this.pos++;
        if (this.is('[')) {
          this.pos++;
          const saved = this.printDepth;
          this.printDepth = false;
          const subs = this.exprList(']');
          this.printDepth = saved;
          return { t: 'index', name: tok.text, subs };
        }
        return { t: 'var', name: tok.text };
      }
      case 'keyword':
        if (tok.text === 'getline') {
          this.pos++;
          const target = this.optionalLValue();
          if (this.is('<')) {
            this.pos++;
            return { t: 'getline', from: 'file', target, src: this.postfixNoConcat() };
          }
          return { t: 'getline', from: 'main', target };
        }
        break;
      case 'punct':
        if (tok.text === '$') {
          this.pos++;
          return { t: 'field', index: this.fieldIndex() };
        }
        if (tok.text === '(') {
          this.pos++;
          const saved = this.printDepth;
          const savedIn = this.noIn;
          this.printDepth = false;
          this.noIn = false;
          const list = this.exprList(')');
          this.printDepth = saved;
          this.noIn = savedIn;
          if (list.length > 1) {
            if (!this.is('in') && !saved) this.fail();
            return { t: 'group', list };
          }
          return list[0];
        }
        break;
    }
    return this.fail();
  }

  /** `getline < FILE`: FILE is a primary (`getline < "a" "b"` reads file a). */
  private postfixNoConcat(): Expr {
    if (this.is('$')) {
      this.pos++;
      return { t: 'field', index: this.fieldIndex() };
    }
    return this.primary();
  }
}

function isLValue(e: Expr): e is LValue {
  return e.t === 'var' || e.t === 'index' || e.t === 'field';
}
