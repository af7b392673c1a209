/** `concord person show SLUG`: a person's titles and roles over time, events and statements. */

import type { Command } from 'commander';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import { CliContext } from '../context.ts';
import { describeEnding, describeOffice, describeSpan, partyName } from '../describe.ts';
import type { CliIo } from '../io.ts';
import { integerOption, type PageOptions, pageRequest } from '../options.ts';
import { describeStatement } from './statements.ts';

export function registerPersonCommands(program: Command, io: CliIo): void {
  const person = program.command('person').description('people in the record');
  person
    .command('show')
    .description(
      "a person's titles and roles over time, with how each ended, and their events and statements",
    )
    .argument('<person>', 'slug, name or alias ("yermak", "Andrii Yermak")')
    .option('--limit <n>', 'events and statements to show', integerOption('--limit', 1, 10_000), 20)
    .option('--page <n>', 'page of events and statements', integerOption('--page', 1, 1_000_000), 1)
    .addHelpText('after', '\nExample:\n  $ concord person show yermak')
    .action(async (query: string, options: PageOptions, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withProcess(async (service, process) => {
        const report = await service.showPerson(process.id, query, pageRequest(options));
        context.print(report, (r) => {
          const lines = [`${r.person.name} (${r.person.id})`];
          if (r.person.aliases.length > 0)
            lines.push(`Also written: ${r.person.aliases.join(', ')}`);
          if (r.person.description !== undefined) lines.push(r.person.description);
          lines.push('', 'Titles and roles:');
          if (r.appointments.length === 0) lines.push('  none recorded');
          for (const a of r.appointments) {
            lines.push(
              `  ${describeOffice(a)}, ${partyName(a.party, r.parties)}: ${describeSpan(a)}`,
            );
            const ending = describeEnding(a, r.people);
            if (ending !== undefined) lines.push(`    ended: ${ending}`);
            if (a.ended?.note !== undefined) lines.push(`    why: ${a.ended.note}`);
            if (a.note !== undefined) lines.push(`    note: ${a.note}`);
            const source = a.ended?.source ?? a.source;
            if (source !== undefined) lines.push(`    source: ${source}`);
          }
          lines.push('', 'Events:');
          if (r.events.items.length === 0) lines.push('  none recorded');
          for (const e of r.events.items)
            lines.push(`  ${describeFuzzyDate(e.date)}: ${e.title} (${e.id}, ${e.status})`);
          if (r.events.hasMore) lines.push(`  … more with --page ${options.page + 1}`);
          lines.push('', 'Statements:');
          if (r.statements.items.length === 0) lines.push('  none recorded');
          for (const s of r.statements.items) lines.push(...describeStatement(s, '  '));
          if (r.statements.hasMore) lines.push(`  … more with --page ${options.page + 1}`);
          return `${lines.join('\n')}\n`;
        });
      });
    });
}
