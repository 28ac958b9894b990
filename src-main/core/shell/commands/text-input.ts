// Input for the text tools (grep, head, tail, wc, sort, awk, sed, ...): named
// files or stdin, read whole or streamed as the writer produces it.
import type { CommandContext, InputStream, Interrupt } from '../command.js';
import { FileSystem, fsErrorText, type FsError } from '../fs.js';
import { LineReader, TextInput } from '../streams.js';

export interface NamedText {
  name: string;
  text: string;
}

/** Reads each operand (or stdin for none or `-`); prints `NAME: FILE: error` for unreadable ones. */
export async function readInputs(ctx: CommandContext, tool: string, operands: string[]): Promise<{ inputs: NamedText[]; failed: boolean }> {
  const inputs: NamedText[] = [];
  let failed = false;
  for (const name of operands.length > 0 ? operands : ['-']) {
    if (name === '-') {
      inputs.push({ name: '(standard input)', text: await ctx.stdin.readAll() });
      continue;
    }
    const content = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, name));
    if (typeof content === 'string') inputs.push({ name, text: content });
    else {
      ctx.stderr.write(`${tool}: ${name}: ${fsErrorText(content.error)}\n`);
      failed = true;
    }
  }
  return { inputs, failed };
}

/** Lines of a text without the empty piece after its final newline. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** An input's text as it arrives: a pipe's writes one by one, a file at once. */
export async function* chunksOf(input: InputStream): AsyncIterable<string> {
  if (!input.read) {
    const all = await input.readAll();
    if (all !== '') yield all;
    return;
  }
  for (let chunk = await input.read(); chunk !== null; chunk = await input.read()) yield chunk;
}

export interface StreamLine {
  text: string;
  /** False for a last line without its `\n`. */
  newline: boolean;
}

/** Lines as they arrive (`ping | awk` prints per ping), each saying whether it ended with `\n`. */
export async function* streamLines(input: InputStream): AsyncIterable<StreamLine> {
  let rest = '';
  for await (const chunk of chunksOf(input)) {
    rest += chunk;
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      yield { text: rest.slice(start, nl), newline: true };
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  if (rest !== '') yield { text: rest, newline: false };
}

/** A device that never ends, read block after block until the reader releases it or Ctrl-C. */
class EndlessInput extends LineReader {
  readonly isTTY = false;
  private released = false;
  constructor(
    private readonly block: () => string,
    private readonly interrupted: Interrupt,
  ) {
    super();
  }
  release(): void {
    this.released = true;
  }
  protected nextChunk(): Promise<string | null> {
    return Promise.resolve(this.released || this.interrupted.signalled ? null : this.block());
  }
}

/** A file as an input stream, or its error code. */
export function openInput(ctx: CommandContext, name: string): InputStream | { error: FsError } {
  if (name === '-') return ctx.stdin;
  const path = FileSystem.resolve(ctx.cwd, name);
  const content = ctx.fs.readFile(path);
  if (typeof content !== 'string') return content;
  if (ctx.fs.isEndless(path)) return new EndlessInput(() => ctx.fs.readFile(path) as string, ctx.interrupted);
  return new TextInput(content);
}

export interface OpenedInput {
  /** As the tool names it in messages and headers: the operand, or `-` for stdin. */
  name: string;
  input: InputStream;
}

/** Each operand (stdin for none) in turn; unreadable ones print `TOOL: NAME: error` and set `status.failed`. */
export async function* eachInput(ctx: CommandContext, tool: string, operands: string[], status: { failed: boolean }): AsyncIterable<OpenedInput> {
  for (const name of operands.length > 0 ? operands : ['-']) {
    const opened = openInput(ctx, name);
    if ('error' in opened) {
      ctx.stderr.write(`${tool}: ${name}: ${fsErrorText(opened.error)}\n`);
      status.failed = true;
      continue;
    }
    yield { name, input: opened };
  }
}

/**
 * Lets the pipe's other end run, waiting while the pipe is full; true when the writer should stop: reader gone or Ctrl-C.
 * One millisecond of lab time, not zero: the clock can then always reach its target time.
 */
export async function yieldOutput(ctx: CommandContext): Promise<boolean> {
  await ctx.clock.sleep(1);
  if (ctx.stdout.drained) await Promise.race([ctx.stdout.drained(), ctx.interrupted.promise]);
  return ctx.stdout.broken === true || ctx.interrupted.signalled;
}

/** All of an input; an endless device is cut at one block rather than read forever. */
export async function readAllOf(input: InputStream): Promise<string> {
  if (input instanceof EndlessInput) return (await input.read()) ?? '';
  return input.readAll();
}
