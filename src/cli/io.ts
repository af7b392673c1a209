/**
 * What a command may touch of the outside world, passed in so that commands
 * run the same under tests (captured output, fixed clock) as in a terminal.
 */

export interface CliIo {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error (messages, progress). */
  readonly err: (text: string) => void;
  /** Whether standard error is a terminal (progress bars redraw in place). */
  readonly errIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The current time in UTC milliseconds. */
  readonly now: () => number;
}

/**
 * The real process's standard streams, environment and clock. When the
 * reader of standard output goes away (`concord timeline | head`), the
 * command stops quietly, as Unix tools do, instead of failing with EPIPE.
 */
export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}
