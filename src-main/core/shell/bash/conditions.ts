// The primaries `test`, `[` and `[[` share: string, integer and file tests.
import { FileSystem } from '../fs.js';

/** An operand error bash reports for `test` (status 2), e.g. `integer expression expected`. */
export class TestError extends Error {}

export interface FileView {
  fs: FileSystem;
  cwd: string;
  home: string;
}

export const UNARY_TESTS = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-z', '-n', '-c', '-b', '-p', '-S', '-t', '-v', '-o', '-g', '-u', '-k', '-G', '-O', '-N', '-a']);
export const BINARY_TESTS = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

export function unaryTest(op: string, operand: string, files: FileView, isSet: (name: string) => boolean): boolean {
  const path = (): string => FileSystem.resolve(files.cwd, operand, files.home);
  switch (op) {
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    case '-e':
    case '-a':
      return operand !== '' && files.fs.exists(path());
    case '-f':
      return operand !== '' && files.fs.exists(path()) && !files.fs.isDirectory(path());
    case '-d':
      return operand !== '' && files.fs.isDirectory(path());
    case '-s': {
      if (operand === '' || !files.fs.exists(path())) return false;
      if (files.fs.isDirectory(path())) return true;
      const content = files.fs.readFile(path());
      return typeof content === 'string' && content.length > 0;
    }
    case '-r':
    case '-w':
      return operand !== '' && files.fs.exists(path());
    case '-x':
      return operand !== '' && (files.fs.isDirectory(path()) || /^\/(usr\/)?(local\/)?s?bin\//.test(path())) && files.fs.exists(path());
    case '-L':
    case '-h':
      return operand !== '' && files.fs.isSymlink(path());
    case '-v':
      return isSet(operand);
    case '-t':
      return false;
    default:
      return false;
  }
}

function integer(text: string): bigint {
  const trimmed = text.trim();
  if (!/^[-+]?[0-9]+$/.test(trimmed)) throw new TestError(`${text}: integer expression expected`);
  return BigInt(trimmed);
}

export function binaryTest(op: string, left: string, right: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-eq':
      return integer(left) === integer(right);
    case '-ne':
      return integer(left) !== integer(right);
    case '-lt':
      return integer(left) < integer(right);
    case '-le':
      return integer(left) <= integer(right);
    case '-gt':
      return integer(left) > integer(right);
    case '-ge':
      return integer(left) >= integer(right);
    default:
      return false;
  }
}

/**
 * `test ARGS` / `[ ARGS ]` by POSIX's rules on the number of arguments, then
 * `!`, `(`, `-a` and `-o` (bash's precedence). Returns the exit status and any message.
 */
export function evaluateTestArgs(args: string[], files: FileView, isSet: (name: string) => boolean): boolean {
  let pos = 0;
  const peek = (): string | undefined => args[pos];
  const orExpr = (): boolean => {
    let value = andExpr();
    while (peek() === '-o') {
      pos++;
      const right = andExpr();
      value = value || right;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = notExpr();
    while (peek() === '-a') {
      pos++;
      const right = notExpr();
      value = value && right;
    }
    return value;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && pos + 1 < args.length) {
      pos++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const word = args[pos];
    if (word === undefined) throw new TestError('argument expected');
    if (word === '(' && pos + 1 < args.length) {
      // `( x )` groups unless `(` is an operand of a binary test.
      if (!BINARY_TESTS.has(args[pos + 1] ?? '') || args[pos + 2] === undefined) {
        pos++;
        const value = orExpr();
        if (args[pos] !== ')') throw new TestError(`\`)' expected, found ${args[pos] ?? ''}`);
        pos++;
        return value;
      }
    }
    const next = args[pos + 1];
    if (next !== undefined && BINARY_TESTS.has(next) && pos + 2 < args.length) {
      pos += 3;
      return binaryTest(next, word, args[pos - 1]);
    }
    if (UNARY_TESTS.has(word) && pos + 1 < args.length) {
      pos += 2;
      return unaryTest(word, args[pos - 1], files, isSet);
    }
    pos++;
    return word !== '';
  };
  // POSIX: with up to three arguments the count decides the meaning.
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2 && args[0] === '!') return args[1] === '';
  if (args.length === 2) {
    if (!UNARY_TESTS.has(args[0])) throw new TestError(`${args[0]}: unary operator expected`);
    return unaryTest(args[0], args[1], files, isSet);
  }
  if (args.length === 3 && BINARY_TESTS.has(args[1])) return binaryTest(args[1], args[0], args[2]);
  const value = orExpr();
  if (pos < args.length) throw new TestError(pos === 1 || BINARY_TESTS.has(args[1]) ? 'too many arguments' : `${args[pos]}: binary operator expected`);
  return value;
}
