// Shell arithmetic, `$(( ))`, `(( ))`, `let` and C-style `for`: 64-bit signed
// integers as bash computes them, variables read as expressions themselves.
import {
  list,
  nodeType,
  parseScript,
  tokenText,
  type ArithmExpr,
  type BinaryArithm,
  type ParenArithm,
  type UnaryArithm,
  type Word,
} from './syntax.js';

/** An arithmetic error bash reports and that ends the command line (`division by 0`). */
export class ArithmeticError extends Error {}

/** What arithmetic needs of the shell. */
export interface ArithmeticScope {
  /** A word as text (parameter expansion, command substitution; no splitting). */
  expandWord(word: Word): Promise<string>;
  getVariable(name: string): string | undefined;
  setVariable(name: string, value: string): void;
}

const MAX_DEPTH = 64;

export class Arithmetic {
  private depth = 0;
  constructor(private readonly scope: ArithmeticScope) {}

  async evaluate(expr: ArithmExpr | null): Promise<bigint> {
    if (!expr) return 0n;
    switch (nodeType(expr)) {
      case 'BinaryArithm':
        return this.binary(expr as BinaryArithm);
      case 'UnaryArithm':
        return this.unary(expr as UnaryArithm);
      case 'ParenArithm':
        return this.evaluate((expr as ParenArithm).X);
      default:
        return this.operand(expr as Word);
    }
  }

  /** A word operand: a number, or a variable name whose value is evaluated in turn. */
  private async operand(word: Word): Promise<bigint> {
    const text = (await this.scope.expandWord(word)).trim();
    return this.valueOf(text);
  }

  /** Evaluates text as an arithmetic expression (a variable's value, an operand after expansion). */
  async valueOf(text: string): Promise<bigint> {
    text = text.trim();
    if (text === '') return 0n;
    if (/^[0-9]/.test(text)) return parseNumber(text);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return this.variable(text);
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new ArithmeticError(`${text}: expression recursion level exceeded (error token is "${text}")`);
    }
    try {
      const parsed = parseScript(`(( ${text} ))`);
      const cmd = parsed.ok ? parsed.stmts[0]?.Cmd : null;
      if (!parsed.ok || !cmd || nodeType(cmd) !== 'ArithmCmd') {
        throw new ArithmeticError(`${text}: syntax error: operand expected (error token is "${text}")`);
      }
      return await this.evaluate((cmd as unknown as { X: ArithmExpr | null }).X);
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private async variable(name: string): Promise<bigint> {
    const value = this.scope.getVariable(name);
    if (value === undefined || value.trim() === '') return 0n;
    if (/^\s*-?[0-9]+\s*$/.test(value)) return BigInt.asIntN(64, BigInt(value.trim()));
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new ArithmeticError(`${name}: expression recursion level exceeded (error token is "${name}")`);
    }
    try {
      return await this.valueOf(value);
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private nameOf(expr: ArithmExpr): string {
    if (nodeType(expr) !== 'Word') throw new ArithmeticError('attempted assignment to non-variable');
    const parts = list((expr as Word).Parts);
    const lit = parts.length === 1 && nodeType(parts[0]) === 'Lit' ? (parts[0] as { Value: string }).Value : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(lit)) throw new ArithmeticError(`attempted assignment to non-variable (error token is "${lit}")`);
    return lit;
  }

  private assign(name: string, value: bigint): bigint {
    this.scope.setVariable(name, String(value));
    return value;
  }

  private async unary(expr: UnaryArithm): Promise<bigint> {
    const op = tokenText(expr.Op);
    if (op === '++' || op === '--') {
      const name = this.nameOf(expr.X);
      const old = await this.variable(name);
      const value = BigInt.asIntN(64, op === '++' ? old + 1n : old - 1n);
      this.assign(name, value);
      return expr.Post ? old : value;
    }
    const x = await this.evaluate(expr.X);
    switch (op) {
      case '!':
        return x === 0n ? 1n : 0n;
      case '~':
        return BigInt.asIntN(64, ~x);
      case '-':
        return BigInt.asIntN(64, -x);
      default:
        return x;
    }
  }

  private async binary(expr: BinaryArithm): Promise<bigint> {
    const op = tokenText(expr.Op);
    if (op === '=' || (op.endsWith('=') && op.length >= 2 && !['==', '!=', '<=', '>='].includes(op))) {
      const name = this.nameOf(expr.X);
      const right = await this.evaluate(expr.Y);
      if (op === '=') return this.assign(name, right);
      return this.assign(name, this.apply(op.slice(0, -1), await this.variable(name), right));
    }
    if (op === '&&') return (await this.evaluate(expr.X)) !== 0n && (await this.evaluate(expr.Y)) !== 0n ? 1n : 0n;
    if (op === '||') return (await this.evaluate(expr.X)) !== 0n || (await this.evaluate(expr.Y)) !== 0n ? 1n : 0n;
    if (op === '?') {
      // mvdan/sh parses `c ? a : b` as `c ? (a : b)`.
      const branches = expr.Y as BinaryArithm;
      const cond = await this.evaluate(expr.X);
      if (nodeType(branches) !== 'BinaryArithm' || tokenText(branches.Op) !== ':') throw new ArithmeticError("`:' expected for conditional expression");
      return this.evaluate(cond !== 0n ? branches.X : branches.Y);
    }
    if (op === ',') {
      await this.evaluate(expr.X);
      return this.evaluate(expr.Y);
    }
    return this.apply(op, await this.evaluate(expr.X), await this.evaluate(expr.Y));
  }

  private apply(op: string, x: bigint, y: bigint): bigint {
    const int = (v: bigint): bigint => BigInt.asIntN(64, v);
    switch (op) {
      case '+': return int(x + y);
      case '-': return int(x - y);
      case '*': return int(x * y);
      case '/':
      case '%':
        if (y === 0n) throw new ArithmeticError(`division by 0 (error token is "${String(y)}")`);
        return int(op === '/' ? x / y : x % y);
      case '**':
        if (y < 0n) throw new ArithmeticError('exponent less than 0 (error token is "' + String(y) + '")');
        return int(x ** (y > 4096n ? 4096n : y));
      case '<<': return int(x << (y & 63n));
      case '>>': return int(x >> (y & 63n));
      case '&': return x & y;
      case '|': return x | y;
      case '^': return x ^ y;
      case '==': return x === y ? 1n : 0n;
      case '!=': return x !== y ? 1n : 0n;
      case '<': return x < y ? 1n : 0n;
      case '>': return x > y ? 1n : 0n;
      case '<=': return x <= y ? 1n : 0n;
      case '>=': return x >= y ? 1n : 0n;
      default:
        throw new ArithmeticError(`syntax error: operand expected (error token is "${op}")`);
    }
  }
}

/** `42`, `0x2a`, `052`, `2#101010`, `64#z` as bash reads integer constants. */
export function parseNumber(text: string): bigint {
  let base = 10;
  let digits = text;
  const based = /^([0-9]+)#(.+)$/.exec(text);
  if (based) {
    base = Number(based[1]);
    digits = based[2];
  } else if (/^0[xX]/.test(text)) {
    base = 16;
    digits = text.slice(2);
  } else if (/^0[0-7]/.test(text) || /^0[0-9]/.test(text)) {
    base = 8;
    digits = text.slice(1);
  }
  if (base < 2 || base > 64 || digits === '') throw new ArithmeticError(`${text}: invalid arithmetic base (error token is "${text}")`);
  let value = 0n;
  for (const ch of digits) {
    const digit = digitValue(ch, base);
    if (digit < 0 || digit >= base) throw new ArithmeticError(`${text}: value too great for base (error token is "${text}")`);
    value = BigInt.asIntN(64, value * BigInt(base) + BigInt(digit));
  }
  return value;
}

function digitValue(ch: string, base: number): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'a' && ch <= 'z') return ch.charCodeAt(0) - 97 + 10;
  if (ch >= 'A' && ch <= 'Z') return base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
  if (ch === '@') return 62;
  if (ch === '_') return 63;
  return -1;
}
