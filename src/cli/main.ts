/**
 * The `concord` command line. Exit codes: 0 success, 1 a user's mistake (one
 * clear message, no stack trace), 2 an internal failure (a bug or an
 * unavailable database; the stack trace only with CONCORD_DEBUG=1).
 */

import { Command, CommanderError, Option } from 'commander';
import { ConcordError } from '../core/errors.ts';
import { registerAnalyzeCommands } from './commands/analyze.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerCalendarCommand } from './commands/calendar.ts';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerEventCommands } from './commands/event.ts';
import { registerPersonCommands } from './commands/person.ts';
import { registerPositionCommands } from './commands/position.ts';
import { registerProcessCommands } from './commands/process.ts';
import { registerProfileCommands } from './commands/profiles.ts';
import { registerScenarioCommands } from './commands/scenario.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStatementsCommand } from './commands/statements.ts';
import { registerTextCommands } from './commands/text.ts';
import { registerTimelineCommand } from './commands/timeline.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerWhoCommand } from './commands/who.ts';
import { DEFAULT_DB_FILE } from './context.ts';
import { type CliIo, processIo } from './io.ts';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;

function buildProgram(io: CliIo): Command {
  const program = new Command('concord')
    .description(
      'Concord: the record of a mediated negotiation (parties, people, events, statements, sources)',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true)
    .addOption(
      new Option(
        '--db <file-or-url>',
        `SQLite file or postgres:// URL (default: $CONCORD_DB, $DATABASE_URL, ./${DEFAULT_DB_FILE})`,
      ),
    )
    .option('-p, --process <slug>', 'process to work on (default: the only one in the database)')
    .option('--json', 'print JSON for scripts instead of text')
    .option('--public', 'show public material only, as an observer sees it (same as --as public)')
    .option(
      '--as <viewer>',
      "see what 'public', the 'mediator' or a party's delegation (its slug) may see",
    )
    .addHelpText(
      'after',
      '\nGetting started:\n  $ concord demo\n  $ concord who --party ukraine --as-of 2025-11-25\n  $ concord timeline --upcoming --as-of 2025-12-01',
    );
  registerDatabaseCommands(program, io);
  registerScenarioCommands(program, io);
  registerProcessCommands(program, io);
  registerWhoCommand(program, io);
  registerPersonCommands(program, io);
  registerTimelineCommand(program, io);
  registerCalendarCommand(program, io);
  registerEventCommands(program, io);
  registerStatementsCommand(program, io);
  registerTextCommands(program, io);
  registerPositionCommands(program, io);
  registerAnalyzeCommands(program, io);
  registerProfileCommands(program, io);
  registerServeCommand(program, io);
  registerUserCommands(program, io);
  registerAuditCommands(program, io);
  return program;
}

/** Runs the command line `argv` (without the node and script names); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
  }
  if (error instanceof ConcordError) {
    io.err(`concord: ${error.message}\n`);
    return EXIT_USER_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`concord: internal error: ${message}\n`);
  if (io.env.CONCORD_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  else io.err('(run with CONCORD_DEBUG=1 for details)\n');
  return EXIT_INTERNAL_ERROR;
}

/** Entry point for bin/concord.js. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), processIo());
}
