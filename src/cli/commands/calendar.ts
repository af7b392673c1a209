/** `concord calendar`: the process's events as an iCalendar file (what the viewer may see). */

import type { Command } from 'commander';
import type { FuzzyDate } from '../../core/fuzzy-date.ts';
import { CalendarService } from '../../services/calendar-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { dateOption } from '../options.ts';
import { writeAtomically } from './scenario.ts';

export function registerCalendarCommand(program: Command, io: CliIo): void {
  program
    .command('calendar')
    .description('the events as an iCalendar file (RFC 5545) for calendar apps')
    .option('--from <date>', 'only events ending after this date begins', dateOption('--from'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nDays become all-day events; weeks and windows span their range, the exact day noted as unknown.\n' +
        'Add --as public (or a party) to leave out what that reader may not see.\n\n' +
        'Examples:\n  $ concord calendar -o talks.ics\n  $ concord calendar --as public --from 2025-12-01',
    )
    .action(async (options: { from?: FuzzyDate; output?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process, viewer) => {
        const text = await new CalendarService(store, viewer).calendar(process.id, {
          now: context.now(),
          ...(options.from === undefined ? {} : { from: options.from }),
        });
        if (options.output === undefined) io.out(text);
        else {
          await writeAtomically(options.output, text);
          io.err(`Wrote ${options.output}\n`);
        }
      });
    });
}
