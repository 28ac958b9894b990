// Runs a command to completion in a container through the Engine API.
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Bytes for the command's standard input; it sees end-of-file after them. */
  stdin?: NodeJS.ReadableStream | string;
  env?: string[];
  workingDir?: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Waits until the engine reports the exec finished and returns its exit code. */
export async function execExitCode(exec: Dockerode.Exec): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    // The stream can end a moment before the engine records the exit.
    if (attempt > 200) return -1;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function execIn(
  container: Dockerode.Container,
  cmd: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const withStdin = options.stdin !== undefined;
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdin: withStdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    Env: options.env,
    WorkingDir: options.workingDir,
  });
  const stream = await exec.start({ hijack: true, stdin: withStdin });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const readStdout = collect(stdout);
  const readStderr = collect(stderr);
  container.modem.demuxStream(stream, stdout, stderr);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  if (typeof options.stdin === 'string') stream.end(options.stdin);
  else if (options.stdin) options.stdin.pipe(stream);
  await ended;
  return { exitCode: await execExitCode(exec), stdout: readStdout(), stderr: readStderr() };
}
