// The golden transcript format: `$ command` then its output, as the reference transcripts are written.
export function transcript(commands: { command: string; output: string }[]): string {
  return commands.map((c) => `$ ${c.command}\n${c.output}`).join('');
}

/** `# scenario: NAME` in a script picks its starting state (default: article). */
export function scenarioOf(script: string): string {
  return /^#\s*scenario:\s*(\S+)/m.exec(script)?.[1] ?? 'article';
}
