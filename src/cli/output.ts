/** Printing helpers shared by CLI commands: JSON for machines, plain lines for people. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(lines: readonly string[]): void {
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
}

/** Error raised by a command for a user mistake: printed without a stack, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
