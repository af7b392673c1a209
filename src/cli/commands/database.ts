/** `concord init` and `concord demo`: create the store, load the reference scenario. */

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { describeImport } from './scenario.ts';

/** The built-in reference scenario (late-2025 talks on ending the Russia–Ukraine war). */
export const DEMO_SCENARIO = fileURLToPath(
  new URL('../../../examples/ukraine-talks-2025.yaml', import.meta.url),
);

export function registerDatabaseCommands(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create the database (or bring its schema up to date)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord init\n  $ concord init --db talks.db\n  $ DATABASE_URL=postgres://concord@localhost/concord concord init',
    )
    .action(async (_options, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withService(async (_service, store) => {
        context.print(
          { database: store.location, dialect: store.dialect },
          () => `Concord database ready: ${store.location}\n`,
        );
      }, true);
    });

  program
    .command('demo')
    .description('load the reference scenario (late-2025 talks on ending the Russia–Ukraine war)')
    .addHelpText(
      'after',
      '\nCreates the database if needed, then imports examples/ukraine-talks-2025.yaml (again: nothing changes).\n\nExample:\n  $ concord demo && concord who --party ukraine --as-of 2025-11-25',
    )
    .action(async (_options, command: Command) => {
      const context = CliContext.of(io, command);
      const text = await readFile(DEMO_SCENARIO, 'utf8');
      await context.withService(async (service, store) => {
        const report = await service.importScenario(text, 'examples/ukraine-talks-2025.yaml');
        context.print({ database: store.location, ...report }, (r) =>
          [
            describeImport(r, 'the reference scenario'),
            `Database: ${store.location}`,
            '',
            'Try:',
            '  concord who --party ukraine --as-of 2025-11-25',
            '  concord who --party ukraine --as-of 2025-12-01',
            '  concord person show yermak',
            '  concord timeline --upcoming --as-of 2025-12-01',
            '  concord event show sunday-meeting',
            '',
          ].join('\n'),
        );
      }, true);
    });
}
