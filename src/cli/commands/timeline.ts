/** `concord timeline`: events in order, filtered by party, person, kind, status, dates, "upcoming". */

import type { Command } from 'commander';
import { dayOf, type FuzzyDate } from '../../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type { PartyId, PersonId } from '../../core/ids.ts';
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventKind,
  type EventStatus,
} from '../../core/negotiation-event.ts';
import type { TimelineQuery } from '../../core/timeline.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import {
  choiceList,
  dateOption,
  integerOption,
  type PageOptions,
  pageRequest,
  slugList,
} from '../options.ts';
import { table } from '../output.ts';

interface TimelineOptions extends PageOptions {
  from?: FuzzyDate;
  to?: FuzzyDate;
  party?: string[];
  person?: string[];
  kind?: EventKind[];
  status?: EventStatus[];
  upcoming?: boolean;
  asOf?: FuzzyDate;
}

export function registerTimelineCommand(program: Command, io: CliIo): void {
  program
    .command('timeline')
    .description('events in chronological order, with the precision of their dates')
    .option('--from <date>', 'events that may fall on or after this date', dateOption('--from'))
    .option('--to <date>', 'events that may fall on or before this date', dateOption('--to'))
    .option('--party <slug...>', 'events these parties take part in', slugList('--party'))
    .option('--person <slug...>', 'events these people lead or attend', slugList('--person'))
    .option(
      '--kind <kind...>',
      `only these kinds: ${EVENT_KINDS.join(', ')}`,
      choiceList('--kind', EVENT_KINDS),
    )
    .option(
      '--status <status...>',
      `only these statuses: ${EVENT_STATUSES.join(', ')}`,
      choiceList('--status', EVENT_STATUSES),
    )
    .option('--upcoming', 'only events still ahead (not cancelled, window not yet closed)')
    .option(
      '--as-of <date>',
      'the date --upcoming counts from (default: today)',
      dateOption('--as-of'),
    )
    .option('--limit <n>', 'events per page', integerOption('--limit', 1, 10_000), 50)
    .option('--page <n>', 'page to show', integerOption('--page', 1, 1_000_000), 1)
    .addHelpText(
      'after',
      '\nA week-long or approximate date sorts by its start and counts as upcoming until its window closes.\n\n' +
        'Examples:\n  $ concord timeline --upcoming --as-of 2025-12-01\n  $ concord timeline --party ukraine --kind meeting --from 2025-11 --json',
    )
    .action(async (options: TimelineOptions, command: Command) => {
      const context = CliContext.of(io, command);
      const query: TimelineQuery = {
        ...(options.from && { from: options.from }),
        ...(options.to && { to: options.to }),
        ...(options.party && { parties: options.party as PartyId[] }),
        ...(options.person && { people: options.person as PersonId[] }),
        ...(options.kind && { kinds: options.kind }),
        ...(options.status && { statuses: options.status }),
        ...(options.upcoming && { upcomingAsOf: options.asOf ?? dayOf(context.now()) }),
      };
      await context.withProcess(async (service, process) => {
        const page = await service.timeline(process.id, query, pageRequest(options));
        context.print(
          { process: process.id, page: options.page, ...page },
          ({ items, hasMore }) => {
            if (items.length === 0) return 'No events match.\n';
            const rows = items.map((e) => [
              describeFuzzyDate(e.date),
              e.kind,
              e.status,
              e.title,
              e.id,
            ]);
            const more = hasMore ? `… more with --page ${options.page + 1}\n` : '';
            return table(['WHEN', 'KIND', 'STATUS', 'WHAT', 'EVENT'], rows) + more;
          },
        );
      });
    });
}
