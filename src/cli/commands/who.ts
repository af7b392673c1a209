/** `concord who`: who held which title or role, per party, as of a date. */

import type { Command } from 'commander';
import { APPOINTMENT_ROLES, type AppointmentRole } from '../../core/appointment.ts';
import { dayOf, type FuzzyDate } from '../../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type { PartyId } from '../../core/ids.ts';
import { CliContext } from '../context.ts';
import { certaintyMark, describeOffice, describeSpan } from '../describe.ts';
import type { CliIo } from '../io.ts';
import { choiceList, dateOption, slugList } from '../options.ts';
import { table } from '../output.ts';

export function registerWhoCommand(program: Command, io: CliIo): void {
  program
    .command('who')
    .description('who held which title or role in the process, per party, as of a date')
    .option(
      '--party <slug...>',
      'only these parties (repeat or separate with commas)',
      slugList('--party'),
    )
    .option(
      '--role <role...>',
      `only these roles: ${APPOINTMENT_ROLES.join(', ')}`,
      choiceList('--role', APPOINTMENT_ROLES),
    )
    .option(
      '--as-of <date>',
      'as of this date, judged at its end (default: today)',
      dateOption('--as-of'),
    )
    .addHelpText(
      'after',
      '\nA day counts as of its end, so changes made that day show. "(possibly)" marks a tenure whose start or end\n' +
        'is not known precisely enough to be sure.\n\nExamples:\n  $ concord who --party ukraine --as-of 2025-11-25\n  $ concord who --role head-of-delegation --as-of 2025-12-01 --json',
    )
    .action(
      async (
        options: { party?: string[]; role?: AppointmentRole[]; asOf?: FuzzyDate },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        const asOf = options.asOf ?? dayOf(context.now());
        await context.withProcess(async (service, process) => {
          const groups = await service.who(process.id, {
            asOf,
            ...(options.party === undefined ? {} : { parties: options.party as PartyId[] }),
            ...(options.role === undefined ? {} : { roles: options.role }),
          });
          context.print({ process: process.id, asOf, groups }, () => {
            if (groups.length === 0) return `Nobody matches as of ${describeFuzzyDate(asOf)}.\n`;
            const sections = groups.map((group) => {
              const title =
                group.party === undefined ? 'No party' : `${group.party.name} (${group.party.id})`;
              const rows = group.entries.map(({ person, tenure }) => [
                `${person.name}${certaintyMark(tenure.certainty)}`,
                person.id,
                describeOffice(tenure.appointment),
                describeSpan(tenure.appointment),
              ]);
              return `${title}\n${table(['PERSON', 'SLUG', 'TITLE OR ROLE', 'HELD'], rows)}`;
            });
            return `As of ${describeFuzzyDate(asOf)}:\n\n${sections.join('\n')}`;
          });
        });
      },
    );
}
