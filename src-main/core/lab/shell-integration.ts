// VS Code's shell-integration marks (OSC 633), which both backends' shells
// print so that one parser can tell prompts, command lines and output apart:
//   ESC ] 633 ; A BEL        prompt starts
//   ESC ] 633 ; B BEL        prompt ends, the learner types
//   ESC ] 633 ; E ; <cmd> BEL  the command line about to run (escaped)
//   ESC ] 633 ; C BEL        the command's output starts
//   ESC ] 633 ; D ; <code> BEL the command ended with that exit status

const OSC_633 = '\x1b]633;';
const BEL = '\x07';

export const mark = {
  promptStart: `${OSC_633}A${BEL}`,
  promptEnd: `${OSC_633}B${BEL}`,
  outputStart: `${OSC_633}C${BEL}`,
  commandLine: (command: string) => `${OSC_633}E;${escapeCommandLine(command)}${BEL}`,
  commandEnd: (exitCode: number) => `${OSC_633}D;${exitCode}${BEL}`,
};

/** Escapes as VS Code does: backslash, semicolon and control characters as \xHH. */
export function escapeCommandLine(command: string): string {
  let out = '';
  for (const ch of command) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === ';' || code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

export function unescapeCommandLine(escaped: string): string {
  return escaped.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_m, all: string, hex?: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : all,
  );
}

// CSI, OSC (BEL or ST terminated), and other two-byte escapes.
const ANSI_PATTERN = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Removes ANSI sequences, carriage returns before line feeds, and lone CRs' overwritten text. */
export function plainText(raw: string): string {
  return raw
    .replace(ANSI_PATTERN, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => (line.includes('\r') ? line.slice(line.lastIndexOf('\r') + 1) : line))
    .join('\n');
}

export interface FinishedCommand {
  command: string;
  output: string;
  exitCode: number;
}

export interface StartedCommand {
  command: string;
}

/**
 * Follows one terminal's output stream and reports each command when it starts
 * and ends. Feed it decoded text in chunks of any size: marks split across
 * chunks are held back until complete.
 */
export class ShellIntegrationParser {
  private pending = '';
  private commandLine = '';
  private output: string[] = [];
  private inOutput = false;
  private atPrompt = false;

  constructor(
    private readonly onEnd: (command: FinishedCommand) => void,
    private readonly onStart: (command: StartedCommand) => void = () => {},
  ) {}

  /** True between a prompt's end and the next command's start, i.e. the shell waits for input. */
  get idle(): boolean {
    return this.atPrompt;
  }

  feed(text: string): void {
    let data = this.pending + text;
    this.pending = '';
    for (;;) {
      const at = data.indexOf(OSC_633);
      if (at < 0) {
        // Keep a possible partial mark at the end for the next chunk.
        const esc = data.lastIndexOf('\x1b');
        if (esc >= 0 && OSC_633.startsWith(data.slice(esc)) && esc > data.length - OSC_633.length) {
          this.text(data.slice(0, esc));
          this.pending = data.slice(esc);
        } else {
          this.text(data);
        }
        return;
      }
      this.text(data.slice(0, at));
      const end = data.indexOf(BEL, at);
      if (end < 0) {
        this.pending = data.slice(at);
        return;
      }
      this.handle(data.slice(at + OSC_633.length, end));
      data = data.slice(end + 1);
    }
  }

  private text(chunk: string): void {
    if (this.inOutput && chunk) this.output.push(chunk);
  }

  private handle(body: string): void {
    const kind = body[0];
    const arg = body.slice(2);
    switch (kind) {
      case 'A':
        this.atPrompt = false;
        break;
      case 'B':
        this.atPrompt = true;
        break;
      case 'E':
        this.commandLine = unescapeCommandLine(arg);
        break;
      case 'C':
        this.atPrompt = false;
        this.inOutput = true;
        this.output = [];
        this.onStart({ command: this.commandLine });
        break;
      case 'D': {
        if (!this.inOutput) break; // an empty line at the prompt ends nothing
        this.inOutput = false;
        const code = Number.parseInt(arg, 10);
        this.onEnd({
          command: this.commandLine,
          output: plainText(this.output.join('')),
          exitCode: Number.isFinite(code) ? code : 0,
        });
        this.commandLine = '';
        this.output = [];
        break;
      }
    }
  }
}
