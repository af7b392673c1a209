/** Runs the `concord` command line in-process with captured output and a fixed clock, for tests. */

import type { CliIo } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A function that runs `concord ARGV…` in `cwd` at the instant `now`, with environment `env`. */
export function cliRunner(cwd: string, now: number, env: Record<string, string> = {}) {
  return async (...argv: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      errIsTty: false,
      env,
      cwd,
      now: () => now,
    };
    const code = await runCli(argv, io);
    return { code, out, err };
  };
}
