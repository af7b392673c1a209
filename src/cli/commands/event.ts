/** `concord event show SLUG`: an event with its delegations, sources and statements. */

import type { Command } from 'commander';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type { EventId } from '../../core/ids.ts';
import { CliContext } from '../context.ts';
import {
  certaintyMark,
  describeEventLength,
  describeOffice,
  nameOf,
  partyName,
} from '../describe.ts';
import type { CliIo } from '../io.ts';
import { describeStatement } from './statements.ts';

export function registerEventCommands(program: Command, io: CliIo): void {
  const event = program.command('event').description('events in the record');
  event
    .command('show')
    .description(
      "an event: when (with precision), where, who led it, each party's delegation, outcome, sources",
    )
    .argument('<event>', 'event slug')
    .addHelpText('after', '\nExample:\n  $ concord event show sunday-meeting')
    .action(async (slug: string, _options, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withProcess(async (service, process) => {
        const report = await service.showEvent(process.id, slug as EventId);
        context.print(report, (r) => {
          const e = r.event;
          const lines = [
            `${e.title} (${e.id})`,
            `${e.kind}, ${e.status}: ${describeFuzzyDate(e.date)}`,
          ];
          const length = describeEventLength(e);
          if (length !== undefined) lines.push(`Duration: ${length}`);
          if (e.place !== undefined) lines.push(`Place: ${e.place}`);
          if (e.ledBy !== undefined) lines.push(`Led by: ${nameOf(e.ledBy, r.people)}`);
          if (e.audience !== 'public') lines.push(`Audience: ${e.audience}`);
          if (e.followUpOf !== undefined) lines.push(`Follows up on: ${e.followUpOf}`);
          if (e.description !== undefined) lines.push('', e.description);
          if (r.delegations.length > 0) lines.push('', 'Delegations (roles as of the event):');
          for (const delegation of r.delegations) {
            lines.push(`  ${partyName(delegation.party, r.parties)}:`);
            for (const member of delegation.members) {
              const roles = member.tenures.map(
                (t) => `${describeOffice(t.appointment)}${certaintyMark(t.certainty)}`,
              );
              lines.push(
                `    ${nameOf(member.person, r.people)}${roles.length ? ` — ${roles.join('; ')}` : ''}`,
              );
            }
          }
          const others = e.parties.filter((p) => !r.delegations.some((d) => d.party === p));
          if (others.length > 0)
            lines.push(
              `  Also taking part: ${others.map((p) => partyName(p, r.parties)).join(', ')}`,
            );
          if (e.outcome !== undefined) lines.push('', `Outcome: ${e.outcome}`);
          if (r.statements.length > 0) lines.push('', 'Statements:');
          for (const s of r.statements) lines.push(...describeStatement(s, '  '));
          if (r.followUps.length > 0) lines.push('', 'Followed by:');
          for (const f of r.followUps)
            lines.push(`  ${describeFuzzyDate(f.date)}: ${f.title} (${f.id}, ${f.status})`);
          if (r.sources.length > 0) lines.push('', 'Sources:');
          for (const s of r.sources) {
            const published =
              s.published === undefined ? '' : `, ${describeFuzzyDate(s.published)}`;
            lines.push(`  ${s.title} (${s.id}${published})${s.url ? ` ${s.url}` : ''}`);
          }
          return `${lines.join('\n')}\n`;
        });
      });
    });
}
