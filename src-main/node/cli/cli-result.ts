// What a command-line entry returns, so tests run it in-process, and the one
// place that turns it into the process's output and exit status.

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Whether `moduleUrl` is the script node was started with (not a module a test imported). */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl.endsWith(script.replace(/\\/g, '/'));
}

/** Runs an entry on the process's arguments when its module is the one started. */
export async function runAsMain(moduleUrl: string, run: (argv: string[]) => Promise<CliResult>): Promise<void> {
  if (!isMainModule(moduleUrl)) return;
  const result = await run(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
