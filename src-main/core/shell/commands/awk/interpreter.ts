// Runs an awk program over its inputs as records arrive, mawk's way: fields
// split lazily, uninitialised values, output to files and commands, getline.
import type { CommandContext, InputStream } from '../../command.js';
import { FileSystem } from '../../fs.js';
import { CaptureOutput, TextInput } from '../../streams.js';
import { formatFloat, formatInteger, formatString, parseConversion } from '../printf-format.js';
import { chunksOf, openInput } from '../text-input.js';
import type { Expr, LValue, Program, Stmt } from './parser.js';
import { translateEre } from './regex.js';
import { compareValues, fromInput, isTrue, StrNum, toNumber, toStr, UNINIT, type Value } from './values.js';
import { seededRandom } from '../../../sim/world.js';

type AwkArray = Map<string, Value>;
type Slot = Value | AwkArray;

export class AwkRuntimeError extends Error {
  /** What printf had formatted before it failed: mawk has written it already. */
  partial = '';
}
class NextSignal {}
class NextFileSignal {}
class BreakSignal {}
class ContinueSignal {}
export class ExitSignal {
  constructor(readonly status: number) {}
}
class ReturnSignal {
  constructor(readonly value: Value) {}
}

/** Loop iterations between yields to the lab clock, so a runaway loop never blocks and Ctrl-C stops it. */
const YIELD_EVERY = 2048;

/** Splits records off an input as its text arrives, by the RS in force when each is read. */
class RecordReader {
  private buffer = '';
  private ended = false;
  private readonly chunks: AsyncIterator<string>;

  constructor(input: InputStream) {
    this.chunks = chunksOf(input)[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer += next.value;
    return true;
  }

  async next(rs: string): Promise<string | null> {
    for (;;) {
      if (rs === '') this.buffer = this.buffer.replace(/^\n+/, '');
      const found = this.find(rs);
      if (found && (found.end < this.buffer.length || this.ended || rs.length === 1)) {
        const record = this.buffer.slice(0, found.start);
        this.buffer = this.buffer.slice(found.end);
        return record;
      }
      if (!(await this.more())) {
        if (this.buffer === '') return null;
        const record = rs === '' ? this.buffer.replace(/\n+$/, '') : this.buffer;
        this.buffer = '';
        return record;
      }
    }
  }

  private find(rs: string): { start: number; end: number } | undefined {
    if (rs.length === 1) {
      const at = this.buffer.indexOf(rs);
      return at < 0 ? undefined : { start: at, end: at + 1 };
    }
    const re = rs === '' ? /\n\n+/ : translateEre(rs);
    const m = re.exec(this.buffer);
    return m && m[0] !== '' ? { start: m.index, end: m.index + m[0].length } : undefined;
  }
}

interface Frame {
  locals: Map<string, Slot>;
}

export class Interpreter {
  private readonly globals = new Map<string, Slot>();
  private frames: Frame[] = [];
  private record = '';
  private fields: string[] | null = null;
  private nf = 0;
  private readonly regexCache = new Map<string, RegExp>();
  private readonly rangeActive = new Map<number, boolean>();
  private pendingLine = '';
  private readonly outputFiles = new Map<string, string>();
  private readonly outputCommands = new Map<string, string>();
  private readonly inputFiles = new Map<string, RecordReader>();
  private readonly commandInputs = new Map<string, RecordReader>();
  private main: { reader: RecordReader; name: string } | undefined;
  private argIndex = 1;
  private steps = 0;
  private random = seededRandom(0);
  private seed = 0;
  private previousSeed = 0;

  constructor(
    private readonly program: Program,
    private readonly ctx: CommandContext,
    operands: string[],
    assignments: [string, string][],
  ) {
    const set = (name: string, value: Value): void => void this.globals.set(name, value);
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('SUBSEP', '\x1c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('NR', 0);
    set('FNR', 0);
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    const argv: AwkArray = new Map([['0', 'awk']]);
    operands.forEach((o, i) => argv.set(String(i + 1), fromInput(o)));
    this.globals.set('ARGV', argv);
    set('ARGC', operands.length + 1);
    this.globals.set('ENVIRON', new Map(Object.entries(ctx.env).map(([k, v]) => [k, fromInput(v)])));
    for (const [name, value] of assignments) set(name, fromInput(processEscapes(value)));
  }

  // ---- output ----

  /** Whole lines go out at once; a last partial line waits (as mawk's buffered stdout would). */
  private writeStdout(text: string): void {
    const all = this.pendingLine + text;
    const nl = all.lastIndexOf('\n');
    if (nl < 0) {
      this.pendingLine = all;
      return;
    }
    this.ctx.stdout.write(all.slice(0, nl + 1));
    this.pendingLine = all.slice(nl + 1);
  }

  /** Where the program was, for a run time error's second line. */
  position(): { filename: string; fnr: string; nr: string } {
    const read = (name: string): string => this.str((this.globals.get(name) as Value | undefined) ?? UNINIT);
    return { filename: read('FILENAME'), fnr: read('FNR'), nr: read('NR') };
  }

  flushStdout(): void {
    if (this.pendingLine) this.ctx.stdout.write(this.pendingLine);
    this.pendingLine = '';
  }

  private async output(text: string, redirect: { kind: string; target: string } | undefined): Promise<void> {
    if (!redirect) return this.writeStdout(text);
    const { kind, target } = redirect;
    if (kind === '|') {
      this.outputCommands.set(target, (this.outputCommands.get(target) ?? '') + text);
      return;
    }
    if (target === '/dev/stdout' || target === '-') return this.writeStdout(text);
    if (target === '/dev/stderr') return this.ctx.stderr.write(text);
    const path = FileSystem.resolve(this.ctx.cwd, target);
    if (!this.outputFiles.has(target)) {
      const error = this.ctx.fs.openForWrite(path, kind === '>');
      if (error) throw new AwkRuntimeError(`cannot open "${target}" for output`);
      this.outputFiles.set(target, path);
    }
    this.ctx.fs.appendFile(path, text);
  }

  private async runCommand(command: string, stdin: string, capture?: CaptureOutput): Promise<number> {
    this.flushStdout();
    return this.ctx.exec(['bash', '-c', command], { stdin: new TextInput(stdin), stdout: capture });
  }

  /** Ends output to files and commands: a command gets everything printed to it now. */
  async closeAll(): Promise<void> {
    this.flushStdout();
    for (const command of [...this.outputCommands.keys()]) await this.close(command);
  }

  private async close(name: string): Promise<number> {
    let status = -1;
    if (this.outputCommands.has(name)) {
      const text = this.outputCommands.get(name)!;
      this.outputCommands.delete(name);
      status = await this.runCommand(name, text);
    }
    if (this.outputFiles.delete(name)) status = 0;
    if (this.inputFiles.delete(name)) status = 0;
    if (this.commandInputs.delete(name)) status = 0;
    return status;
  }

  // ---- variables ----

  private frameSlot(name: string): Map<string, Slot> {
    const frame = this.frames[this.frames.length - 1];
    return frame && frame.locals.has(name) ? frame.locals : this.globals;
  }

  private getVar(name: string): Value {
    if (name === 'NF') return this.getNF();
    const slot = this.frameSlot(name).get(name);
    if (slot instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return slot ?? UNINIT;
  }

  private setVar(name: string, value: Value): void {
    if (name === 'NF') return this.setNF(toNumber(value));
    const scope = this.frameSlot(name);
    if (scope.get(name) instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    scope.set(name, value);
  }

  private array(name: string): AwkArray {
    const scope = this.frameSlot(name);
    const slot = scope.get(name);
    if (slot instanceof Map) return slot;
    if (slot !== undefined && slot !== UNINIT) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const created: AwkArray = new Map();
    scope.set(name, created);
    return created;
  }

  private str(v: Value): string {
    return toStr(v, toStr(this.getVar('CONVFMT')));
  }

  // ---- records and fields ----

  setRecord(text: string): void {
    this.record = text;
    this.fields = null;
  }

  private split(): string[] {
    if (this.fields) return this.fields;
    this.fields = this.splitText(this.record, this.getVar('FS'), this.globals.get('RS') === '');
    this.nf = this.fields.length;
    return this.fields;
  }

  /** Splits by a field separator: " " on blank runs, one other character literally, anything longer as an ERE. */
  private splitText(text: string, fsValue: Value | RegExp, paragraph = false): string[] {
    if (fsValue instanceof RegExp) return text === '' ? [] : splitByRegex(text, fsValue);
    const fs = this.str(fsValue);
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((f) => f !== '');
    if (text === '') return [];
    if (paragraph) return splitByRegex(text, new RegExp(`\n|${fs.length === 1 && fs !== ' ' ? escapeRegex(fs) : this.regex(fs).source}`));
    if (fs.length === 1 && fs !== '\\') return text.split(fs === '\t' ? '\t' : fs);
    return splitByRegex(text, this.regex(fs));
  }

  private getNF(): number {
    this.split();
    return this.nf;
  }

  private setNF(n: number): void {
    const fields = this.split();
    const count = Math.max(0, Math.trunc(n));
    while (fields.length < count) fields.push('');
    fields.length = count;
    this.nf = count;
    this.rebuild();
  }

  private rebuild(): void {
    this.record = this.split().join(this.str(this.getVar('OFS')));
  }

  private getField(index: number): Value {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    if (index === 0) return fromInput(this.record);
    const f = this.split()[index - 1];
    return f === undefined ? UNINIT : fromInput(f);
  }

  private setField(index: number, value: string): void {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    if (index === 0) return this.setRecord(value);
    const fields = this.split();
    while (fields.length < index) fields.push('');
    fields[index - 1] = value;
    this.nf = fields.length;
    this.rebuild();
  }

  // ---- regular expressions ----

  private regex(source: string): RegExp {
    let re = this.regexCache.get(source);
    if (!re) {
      try {
        re = translateEre(source);
      } catch {
        throw new AwkRuntimeError(`regular expression compile failed (missing operand)\n${source}`);
      }
      this.regexCache.set(source, re);
    }
    return re;
  }

  private async regexOf(e: Expr): Promise<RegExp> {
    return this.regex(e.t === 'regex' ? e.src : this.str(await this.eval(e)));
  }

  // ---- input ----

  /** The next main-input record, moving through ARGV's files (and assignments); null at the end. */
  private async nextMainRecord(): Promise<string | null> {
    for (;;) {
      let current = this.main;
      if (!current) {
        const argc = toNumber(this.getVar('ARGC'));
        const argv = this.array('ARGV');
        let opened = false;
        while (this.argIndex < argc) {
          const arg = this.str(argv.get(String(this.argIndex++)) ?? UNINIT);
          if (arg === '') continue;
          const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
          if (assignment) {
            this.setVar(assignment[1], fromInput(processEscapes(assignment[2])));
            continue;
          }
          const input = openInput(this.ctx, arg);
          if ('error' in input) throw new AwkFatal(`cannot open ${arg} (No such file or directory)`);
          current = { reader: new RecordReader(input), name: arg };
          opened = true;
          break;
        }
        if (!opened || !current) {
          if (this.usedStdin) return null;
          this.usedStdin = true;
          current = { reader: new RecordReader(this.ctx.stdin), name: '' };
        }
        this.main = current;
        this.globals.set('FILENAME', current.name);
        this.globals.set('FNR', 0);
      }
      const record = await current.reader.next(this.str(this.getVar('RS')));
      if (record !== null) {
        this.globals.set('NR', toNumber(this.getVar('NR')) + 1);
        this.globals.set('FNR', toNumber(this.getVar('FNR')) + 1);
        return record;
      }
      this.main = undefined;
    }
  }

  private usedStdin = false;

  /** Whether any file operand is left (no operands at all means stdin). */
  private markStdinUsedIfFiles(): void {
    const argc = toNumber(this.getVar('ARGC'));
    const argv = this.array('ARGV');
    for (let i = 1; i < argc; i++) {
      const arg = this.str(argv.get(String(i)) ?? UNINIT);
      if (arg !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) this.usedStdin = true;
    }
  }

  // ---- running ----

  async run(): Promise<number> {
    const items = this.program.items;
    try {
      for (const item of items) if (item.kind === 'begin') await this.block(item.action!);
      const mains = items.filter((i) => i.kind === 'main');
      if (mains.length > 0 || items.some((i) => i.kind === 'end')) {
        this.markStdinUsedIfFiles();
        for (let record = await this.nextMainRecord(); record !== null; record = await this.nextMainRecord()) {
          this.setRecord(record);
          try {
            for (let n = 0; n < items.length; n++) {
              const item = items[n];
              if (item.kind !== 'main' || !(await this.matches(n))) continue;
              if (item.action) await this.block(item.action);
              else this.writeStdout(this.record + this.str(this.getVar('ORS')));
            }
          } catch (signal) {
            if (signal instanceof NextFileSignal) this.main = undefined;
            else if (!(signal instanceof NextSignal)) throw signal;
          }
          if (this.ctx.interrupted.signalled) return 130;
        }
      }
    } catch (signal) {
      if (!(signal instanceof ExitSignal)) throw signal;
      this.exitStatus = signal.status;
    }
    try {
      for (const item of items) if (item.kind === 'end') await this.block(item.action!);
    } catch (signal) {
      if (!(signal instanceof ExitSignal)) throw signal;
      return signal.status;
    }
    return this.exitStatus;
  }

  private exitStatus = 0;

  private async matches(n: number): Promise<boolean> {
    const item = this.program.items[n];
    if (!item.pattern) return true;
    if (!item.rangeEnd) return isTrue(await this.eval(item.pattern));
    if (!this.rangeActive.get(n)) {
      if (!isTrue(await this.eval(item.pattern))) return false;
      this.rangeActive.set(n, !isTrue(await this.eval(item.rangeEnd)));
      return true;
    }
    if (isTrue(await this.eval(item.rangeEnd))) this.rangeActive.set(n, false);
    return true;
  }

  private async block(body: Stmt[]): Promise<void> {
    for (const s of body) await this.exec(s);
  }

  private async tick(): Promise<void> {
    if (++this.steps % YIELD_EVERY !== 0) return;
    // A millisecond of lab time, so the clock still reaches its target while a loop runs.
    await this.ctx.clock.sleep(1);
    if (this.ctx.interrupted.signalled) throw new ExitSignal(130);
  }

  private async loopBody(body: Stmt): Promise<'break' | 'continue' | undefined> {
    await this.tick();
    try {
      await this.exec(body);
    } catch (signal) {
      if (signal instanceof BreakSignal) return 'break';
      if (signal instanceof ContinueSignal) return 'continue';
      throw signal;
    }
    return undefined;
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.t) {
      case 'expr':
        await this.eval(s.e);
        return;
      case 'block':
        return this.block(s.body);
      case 'print': {
        const ofs = this.str(this.getVar('OFS'));
        const parts: string[] = [];
        for (const a of s.args) {
          const v = await this.eval(a);
          parts.push(typeof v === 'number' ? toStr(v, this.str(this.getVar('OFMT'))) : this.str(v));
        }
        const text = (s.args.length === 0 ? this.record : parts.join(ofs)) + this.str(this.getVar('ORS'));
        return this.output(text, s.redirect && { kind: s.redirect.kind, target: this.str(await this.eval(s.redirect.target)) });
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkRuntimeError('printf: no format');
        const values: Value[] = [];
        for (const a of s.args) values.push(await this.eval(a));
        let text: string;
        try {
          text = this.sprintf(values, 'printf');
        } catch (error) {
          if (error instanceof AwkRuntimeError && !s.redirect) this.writeStdout(error.partial);
          throw error;
        }
        return this.output(text, s.redirect && { kind: s.redirect.kind, target: this.str(await this.eval(s.redirect.target)) });
      }
      case 'if':
        if (isTrue(await this.eval(s.test))) await this.exec(s.then);
        else if (s.otherwise) await this.exec(s.otherwise);
        return;
      case 'while':
        while (isTrue(await this.eval(s.test))) if ((await this.loopBody(s.body)) === 'break') break;
        return;
      case 'do':
        do {
          if ((await this.loopBody(s.body)) === 'break') break;
        } while (isTrue(await this.eval(s.test)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.test || isTrue(await this.eval(s.test))) {
          if ((await this.loopBody(s.body)) === 'break') break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.array);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          await this.assign(s.variable, fromInput(key));
          if ((await this.loopBody(s.body)) === 'break') break;
        }
        return;
      }
      case 'next':
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        throw new ExitSignal(s.e ? toNumber(await this.eval(s.e)) & 0xff : this.exitStatus);
      case 'return':
        throw new ReturnSignal(s.e ? await this.eval(s.e) : UNINIT);
      case 'delete': {
        const arr = this.array(s.name);
        if (!s.subs) arr.clear();
        else arr.delete(await this.subscript(s.subs));
        return;
      }
    }
  }

  private async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const e of subs) parts.push(this.str(await this.eval(e)));
    return parts.join(this.str(this.getVar('SUBSEP')));
  }

  private async assign(target: LValue, value: Value): Promise<Value> {
    if (target.t === 'var') this.setVar(target.name, value);
    else if (target.t === 'index') this.array(target.name).set(await this.subscript(target.subs), value);
    else this.setField(Math.trunc(toNumber(await this.eval(target.index))), this.str(value));
    return value;
  }

  private async read(target: LValue): Promise<Value> {
    if (target.t === 'var') return this.getVar(target.name);
    if (target.t === 'index') {
      const arr = this.array(target.name);
      const key = await this.subscript(target.subs);
      if (!arr.has(key)) arr.set(key, UNINIT);
      return arr.get(key)!;
    }
    return this.getField(Math.trunc(toNumber(await this.eval(target.index))));
  }

  async eval(e: Expr): Promise<Value> {
    switch (e.t) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case 'var':
      case 'index':
      case 'field':
        return this.read(e);
      case 'group':
        return this.eval(e.list[e.list.length - 1]);
      case 'assign': {
        if (e.op === '=') {
          const v = await this.eval(e.value);
          // Assignment copies the value: a strnum stays a strnum, a field's text is copied.
          return this.assign(e.target, v instanceof StrNum && v !== UNINIT ? v : v === UNINIT ? UNINIT : v);
        }
        const right = toNumber(await this.eval(e.value));
        const left = toNumber(await this.read(e.target));
        return this.assign(e.target, arithmetic(e.op.slice(0, 1), left, right));
      }
      case 'cond':
        return isTrue(await this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return isTrue(await this.eval(e.a)) && isTrue(await this.eval(e.b)) ? 1 : 0;
      case 'or':
        return isTrue(await this.eval(e.a)) || isTrue(await this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const text = this.str(await this.eval(e.a));
        return (await this.regexOf(e.re)).test(text) !== e.negate ? 1 : 0;
      }
      case 'bin': {
        const a = await this.eval(e.a);
        const b = await this.eval(e.b);
        if (['<', '<=', '==', '!=', '>=', '>'].includes(e.op)) {
          const c = compareValues(a, b, this.str(this.getVar('CONVFMT')));
          const result = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '==' ? c === 0 : e.op === '!=' ? c !== 0 : e.op === '>=' ? c >= 0 : c > 0;
          return result ? 1 : 0;
        }
        return arithmetic(e.op, toNumber(a), toNumber(b));
      }
      case 'concat':
        return this.str(await this.eval(e.a)) + this.str(await this.eval(e.b));
      case 'unary': {
        const v = await this.eval(e.a);
        return e.op === '!' ? (isTrue(v) ? 0 : 1) : e.op === '-' ? -toNumber(v) : toNumber(v);
      }
      case 'incdec': {
        const old = toNumber(await this.read(e.target));
        const updated = e.op === '++' ? old + 1 : old - 1;
        await this.assign(e.target, updated);
        return e.prefix ? updated : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private async call(name: string, args: Expr[]): Promise<Value> {
    const fn = this.program.functions.get(name);
    if (!fn) throw new AwkFatal(`function ${name} never defined`);
    if (args.length > fn.params.length) throw new AwkFatal(`too many arguments in call to ${name}`);
    const locals = new Map<string, Slot>();
    for (let i = 0; i < fn.params.length; i++) {
      const arg = args[i];
      if (!arg) {
        locals.set(fn.params[i], UNINIT);
        continue;
      }
      // Arrays pass by reference, scalars by value.
      if (arg.t === 'var' && this.frameSlot(arg.name).get(arg.name) instanceof Map) locals.set(fn.params[i], this.frameSlot(arg.name).get(arg.name)!);
      else if (arg.t === 'var' && !this.frameSlot(arg.name).has(arg.name) && this.isArrayParam(fn.body, fn.params[i])) locals.set(fn.params[i], this.array(arg.name));
      else locals.set(fn.params[i], await this.eval(arg));
    }
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    this.frames.push({ locals });
    try {
      await this.block(fn.body);
      return UNINIT;
    } catch (signal) {
      if (signal instanceof ReturnSignal) return signal.value;
      throw signal;
    } finally {
      this.frames.pop();
    }
  }

  /** Whether a function uses a parameter as an array (so an unset variable passed to it becomes one). */
  private isArrayParam(body: Stmt[], param: string): boolean {
    const text = JSON.stringify(body);
    return text.includes(`"name":"${param}","subs"`) || text.includes(`"array":"${param}"`) || text.includes(`"t":"delete","name":"${param}"`) || new RegExp(`"t":"in","subs":.*?"name":"${param}"`).test(text);
  }

  private async builtin(name: string, args: Expr[]): Promise<Value> {
    const arg = async (i: number): Promise<Value> => (args[i] ? this.eval(args[i]) : UNINIT);
    const num = async (i: number): Promise<number> => toNumber(await arg(i));
    const s = async (i: number): Promise<string> => this.str(await arg(i));
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...this.record].length;
        const a = args[0];
        if (a.t === 'var' && this.frameSlot(a.name).get(a.name) instanceof Map) return (this.frameSlot(a.name).get(a.name) as AwkArray).size;
        return [...(await s(0))].length;
      }
      case 'substr': {
        const chars = [...(await s(0))];
        let start = Math.round(await num(1));
        let length = args.length > 2 ? Math.round(await num(2)) : Infinity;
        if (Number.isNaN(start)) start = 1;
        if (Number.isNaN(length)) length = 0;
        if (start < 1) start = 1;
        if (length <= 0) return '';
        return chars.slice(start - 1, length === Infinity ? undefined : start - 1 + length).join('');
      }
      case 'index': {
        const at = (await s(0)).indexOf(await s(1));
        return at < 0 ? 0 : [...(await s(0)).slice(0, at)].length + 1;
      }
      case 'split': {
        const text = await s(0);
        const target = args[1];
        if (!target || target.t !== 'var') throw new AwkFatal('split: second argument must be an array');
        const separator = args[2] ? (args[2].t === 'regex' ? this.regex(args[2].src) : await arg(2)) : this.getVar('FS');
        const parts = this.splitText(text, separator);
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), fromInput(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = await this.regexOf(args[0]);
        const replacement = await s(1);
        const target: LValue = args[2] && (args[2].t === 'var' || args[2].t === 'index' || args[2].t === 'field') ? args[2] : { t: 'field', index: { t: 'num', v: 0 } };
        const text = this.str(await this.read(target));
        const { result, count } = substitute(text, re, replacement, name === 'gsub');
        if (count > 0) await this.assign(target, result);
        return count;
      }
      case 'match': {
        const m = (await this.regexOf(args[1])).exec(await s(0));
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const values: Value[] = [];
        for (const a of args) values.push(await this.eval(a));
        return this.sprintf(values, 'sprintf');
      }
      case 'sin':
        return Math.sin(await num(0));
      case 'cos':
        return Math.cos(await num(0));
      case 'atan2':
        return Math.atan2(await num(0), await num(1));
      case 'exp':
        return Math.exp(await num(0));
      case 'log':
        return Math.log(await num(0));
      case 'sqrt':
        return Math.sqrt(await num(0));
      case 'int':
        return Math.trunc(await num(0));
      case 'rand':
        return this.random();
      case 'srand': {
        const previous = this.seed;
        this.seed = args.length > 0 ? await num(0) : Math.floor((this.ctx.clock.wallTimeMs?.() ?? this.ctx.clock.now()) / 1000);
        this.random = seededRandom(this.seed);
        this.previousSeed = previous;
        return this.previousSeed;
      }
      case 'tolower':
        return (await s(0)).toLowerCase();
      case 'toupper':
        return (await s(0)).toUpperCase();
      case 'system':
        return this.runCommand(await s(0), '');
      case 'close':
        return this.close(await s(0));
      case 'fflush':
        this.flushStdout();
        return 0;
    }
    throw new AwkFatal(`unknown function ${name}`);
  }

  private async getline(e: Extract<Expr, { t: 'getline' }>): Promise<Value> {
    let record: string | null;
    if (e.from === 'main') {
      record = await this.nextMainRecord();
      if (record === null) return 0;
      if (!e.target) {
        this.setRecord(record);
        return 1;
      }
    } else {
      const name = this.str(await this.eval(e.src!));
      const readers = e.from === 'file' ? this.inputFiles : this.commandInputs;
      let reader = readers.get(name);
      if (!reader) {
        if (e.from === 'file') {
          const input = openInput(this.ctx, name);
          if ('error' in input) return -1;
          reader = new RecordReader(input);
        } else {
          const capture = new CaptureOutput();
          await this.runCommand(name, '', capture);
          reader = new RecordReader(new TextInput(capture.text));
        }
        readers.set(name, reader);
      }
      record = await reader.next(this.str(this.getVar('RS')));
      if (record === null) return 0;
      this.globals.set('NR', toNumber(this.getVar('NR')) + 1);
      if (!e.target) {
        this.setRecord(record);
        return 1;
      }
    }
    await this.assign(e.target, fromInput(record));
    return 1;
  }

  private sprintf(values: Value[], caller: string): string {
    const format = this.str(values[0]);
    let next = 1;
    let out = '';
    const take = (): Value => {
      if (next >= values.length) {
        const error = new AwkRuntimeError(`not enough arguments passed to ${caller}("${format}")`);
        error.partial = out;
        throw error;
      }
      return values[next++];
    };
    for (let i = 0; i < format.length; ) {
      if (format[i] !== '%') {
        out += format[i++];
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const parsed = parseConversion(format, i, () => Math.trunc(toNumber(take())));
      if ('bad' in parsed) throw new AwkRuntimeError(`bad conversion in ${caller}("${format}")`);
      const { spec } = parsed;
      i = parsed.end;
      const v = take();
      const c = spec.conversion;
      if (c === 's') out += formatString(this.str(v), spec);
      else if (c === 'c') out += formatString(typeof v === 'number' ? String.fromCharCode(Math.trunc(v) & 0xff) : this.str(v).slice(0, 1), spec);
      else if ('diouxX'.includes(c)) {
        const n = toNumber(v);
        out += formatInteger(Number.isFinite(n) ? BigInt(Math.trunc(n)) : n > 0 ? (1n << 63n) - 1n : -(1n << 63n), spec);
      } else out += formatFloat(toNumber(v), spec);
    }
    return out;
  }
}

/** A fatal error outside the runtime checks (bad file, unknown function): `awk: MESSAGE`, status 2. */
export class AwkFatal extends Error {}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new AwkRuntimeError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkRuntimeError('division by zero in %');
      return a % b;
    default:
      return Math.pow(a, b);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function splitByRegex(text: string, re: RegExp): string[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const parts: string[] = [];
  let last = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    if (m[0] === '') {
      global.lastIndex++;
      continue;
    }
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** sub/gsub: `&` is the match, `\&` a literal ampersand. */
function substitute(text: string, re: RegExp, replacement: string, global: boolean): { result: string; count: number } {
  const expand = (m: RegExpExecArray): string => replacement.replace(/\\\\|\\&|&/g, (r) => (r === '&' ? m[0] : r === '\\&' ? '&' : '\\'));
  return replaceMatches(text, re, global ? Infinity : 1, expand);
}

/**
 * Replaces matches of `re` from the `first`-th on (sed's `s///N`), all of them when `global`,
 * or the first `limit`; an empty match right after a match is skipped, as awk and sed do.
 */
export function replaceMatches(text: string, re: RegExp, limit: number, expand: (m: RegExpExecArray) => string, first = 1): { result: string; count: number } {
  const all = new RegExp(re.source, re.flags.replace('g', '') + 'g');
  let result = '';
  let count = 0;
  let seen = 0;
  let last = 0;
  let previousEnd = -1;
  for (let i = 0; i <= text.length && count < limit; ) {
    all.lastIndex = i;
    const m = all.exec(text);
    if (!m) break;
    if (m[0] === '' && m.index === previousEnd) {
      if (m.index >= text.length) break;
      i = m.index + 1;
      continue;
    }
    const end = m.index + m[0].length;
    if (++seen >= first) {
      result += text.slice(last, m.index) + expand(m);
      last = end;
      count++;
    }
    previousEnd = end;
    i = m[0] === '' ? end + 1 : end;
  }
  return { result: result + text.slice(last), count };
}

/** Escapes in -v and command-line assignments are processed as in string constants. */
function processEscapes(text: string): string {
  const named: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return text.replace(/\\([0-7]{1,3}|.)/gs, (m, c: string) => (/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : (named[c] ?? m)));
}
