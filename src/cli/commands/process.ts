/** `concord process list` and `concord process show [PROCESS]`. */

import type { Command } from 'commander';
import { dayOf, type FuzzyDate } from '../../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import { CliContext } from '../context.ts';
import { certaintyMark, words } from '../describe.ts';
import type { CliIo } from '../io.ts';
import { dateOption } from '../options.ts';
import { table } from '../output.ts';

export function registerProcessCommands(program: Command, io: CliIo): void {
  const process = program
    .command('process')
    .description('the negotiation processes in the database');

  process
    .command('list')
    .description('list the processes with their size')
    .addHelpText('after', '\nExample:\n  $ concord process list --json')
    .action(async (_options, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withService(async (service) => {
        const processes = await service.listProcesses();
        context.print(processes, (list) =>
          list.length === 0
            ? 'No processes yet: import a scenario file, or run "concord demo".\n'
            : table(
                ['PROCESS', 'TITLE', 'STATUS', 'PARTIES', 'PEOPLE', 'EVENTS', 'STATEMENTS'],
                list.map(({ process: p, counts }) => [
                  p.id,
                  p.title,
                  p.status,
                  String(counts.parties),
                  String(counts.people),
                  String(counts.events),
                  String(counts.statements),
                ]),
              ),
        );
      });
    });

  process
    .command('show')
    .description('a process at a glance: parties, heads of delegation, what is coming up')
    .argument('[process]', 'process slug (default: the only process in the database)')
    .option('--as-of <date>', 'as of this date (default: today)', dateOption('--as-of'))
    .addHelpText(
      'after',
      '\nExample:\n  $ concord process show ukraine-talks-2025 --as-of 2025-12-01',
    )
    .action(async (slug: string | undefined, options: { asOf?: FuzzyDate }, command: Command) => {
      const context = CliContext.of(io, command);
      const asOf = options.asOf ?? dayOf(context.now());
      await context.withProcess(async (service, p) => {
        const report = await service.showProcess(p.id, asOf);
        context.print({ asOf, ...report }, (r) => {
          const { process: info, counts } = r.summary;
          const lines = [`${info.title} (${info.id})`, `Status: ${info.status}`];
          if (info.started !== undefined) lines.push(`Started: ${describeFuzzyDate(info.started)}`);
          if (info.description !== undefined) lines.push('', info.description);
          lines.push(
            '',
            `Parties, and who heads each delegation as of ${describeFuzzyDate(asOf)}:`,
          );
          for (const party of r.parties) {
            const heads = r.heads.find((group) => group.party?.id === party.id)?.entries ?? [];
            const names =
              heads.map((h) => `${h.person.name}${certaintyMark(h.tenure.certainty)}`).join(', ') ||
              '—';
            lines.push(`  ${party.name} (${party.id}, ${words(party.role)}): ${names}`);
          }
          lines.push(
            '',
            `Record: ${counts.people} people, ${counts.events} events, ${counts.statements} statements.`,
          );
          lines.push('', `Upcoming as of ${describeFuzzyDate(asOf)}:`);
          if (r.upcoming.items.length === 0) lines.push('  nothing scheduled');
          for (const event of r.upcoming.items)
            lines.push(`  ${describeFuzzyDate(event.date)}: ${event.title} (${event.id})`);
          return `${lines.join('\n')}\n`;
        });
      }, slug ?? context.options.process);
    });
}
