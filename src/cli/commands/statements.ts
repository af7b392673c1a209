/** `concord statements`: who said what, when, at which event, from which source. */

import type { Command } from 'commander';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type { EventId } from '../../core/ids.ts';
import type { Statement } from '../../core/statement.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { integerOption, type PageOptions, pageRequest } from '../options.ts';

/** A statement as indented lines: date, speaker, form, then the words. */
export function describeStatement(statement: Statement, indent: string): string[] {
  const who = [statement.speaker, statement.party].filter(Boolean).join(', ');
  const where = [statement.event && `at ${statement.event}`, statement.channel]
    .filter(Boolean)
    .join(', ');
  const head = `${describeFuzzyDate(statement.date)} — ${who}${where ? ` (${where})` : ''}`;
  const flags = [statement.form, statement.audience === 'private' ? 'private' : undefined]
    .filter(Boolean)
    .join(', ');
  const text = statement.form === 'quotation' ? `“${statement.text}”` : statement.text;
  const lines = [`${indent}${head} [${flags}]`, `${indent}  ${text}`];
  if (statement.source !== undefined) lines.push(`${indent}  source: ${statement.source}`);
  return lines;
}

export function registerStatementsCommand(program: Command, io: CliIo): void {
  program
    .command('statements')
    .description('statements, oldest first, by a person or party and/or at an event')
    .option('--by <slug>', 'a person (slug or name) or a party (slug)')
    .option('--event <slug>', 'statements made at this event')
    .option('--limit <n>', 'statements per page', integerOption('--limit', 1, 10_000), 50)
    .option('--page <n>', 'page to show', integerOption('--page', 1, 1_000_000), 1)
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord statements --by zelenskyy\n  $ concord statements --event sunday-meeting --json',
    )
    .action(async (options: PageOptions & { by?: string; event?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withProcess(async (service, process) => {
        const page = await service.statements(
          process.id,
          {
            ...(options.by && { by: options.by }),
            ...(options.event && { event: options.event as EventId }),
          },
          pageRequest(options),
        );
        context.print(
          { process: process.id, page: options.page, ...page },
          ({ items, hasMore }) => {
            if (items.length === 0) return 'No statements match.\n';
            const lines = items.flatMap((s) => [...describeStatement(s, ''), '']);
            if (hasMore) lines.push(`… more with --page ${options.page + 1}`, '');
            return lines.join('\n');
          },
        );
      });
    });
}
