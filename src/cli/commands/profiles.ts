/**
 * `concord profiles list|export`: the preference profiles the viewer may see,
 * and writing them (with the issues) as GENIUS XML or GeniusWeb JSON files
 * for negotiation-research tools. What a format cannot hold is named on
 * standard error, never dropped silently.
 */

import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidError } from '../../core/errors.ts';
import { writeGeniusWebDomain, writeGeniusWebProfile } from '../../io/analysis/genius-web-write.ts';
import { writeGeniusDomain, writeGeniusProfile } from '../../io/analysis/genius-write.ts';
import { AnalysisService } from '../../services/analysis-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { table } from '../output.ts';
import { writeAtomically } from './scenario.ts';

const FORMATS = ['genius', 'geniusweb'] as const;

export function registerProfileCommands(program: Command, io: CliIo): void {
  const profiles = program
    .command('profiles')
    .description("the parties' preference profiles you may see: list, export to GENIUS");

  profiles
    .command('list')
    .description('the issues and the profiles you may see (with --as)')
    .addHelpText('after', '\nExample:\n  $ concord --as mediator profiles list')
    .action(async (_options: unknown, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process, viewer) => {
        const space = await new AnalysisService(store, viewer).space(process.id, 0);
        context.print(space, (s) => {
          const issues = table(
            ['issue', 'options', 'tied to'],
            s.issues.map((issue) => [
              issue.id,
              issue.range
                ? `${issue.options.length} steps ${issue.range.min}–${issue.range.max}`
                : issue.options.map((o) => o.id).join(', '),
              issue.link ? `${issue.link.text} ‹${issue.link.provision}›` : '',
            ]),
          );
          const rows = s.profiles.map((p) => [
            p.party,
            p.audience,
            p.reservation.toFixed(2),
            String(p.redLines.length),
            p.uncertainty ? 'yes' : 'no',
            p.note ?? '',
          ]);
          const left =
            s.leftOut.length > 0 ? `\nNo profile visible for: ${s.leftOut.join(', ')}\n` : '';
          return `${issues}\n${table(['party', 'audience', 'reservation', 'red lines', 'ranges', 'note'], rows)}${left}`;
        });
      });
    });

  profiles
    .command('export')
    .description(
      'write the issues and the profiles you may see as GENIUS XML or GeniusWeb JSON files',
    )
    .requiredOption('--format <format>', FORMATS.join(' or '))
    .requiredOption('-o, --out <dir>', 'the folder to write into (created if missing)')
    .addHelpText(
      'after',
      '\nWrites DOMAIN_domain.xml and one PARTY.xml per profile (genius), or one PARTY.json per\nprofile embedding the domain (geniusweb).\n\nExample:\n  $ concord profiles export --format genius --out genius/',
    )
    .action(async (options: { format: string; out: string }, command: Command) => {
      const context = CliContext.of(io, command);
      if (!(FORMATS as readonly string[]).includes(options.format))
        throw InvalidError.of(`--format: "${options.format}" is not one of: ${FORMATS.join(', ')}`);
      await context.withStore(async (store, process, viewer) => {
        const { issues, profiles } = await new AnalysisService(store, viewer).space(process.id, 1);
        const dir = resolve(io.cwd, options.out);
        await mkdir(dir, { recursive: true });
        const written: string[] = [];
        const warnings: string[] = [];
        const write = async (name: string, text: string) => {
          await writeAtomically(join(dir, name), text);
          written.push(join(options.out, name));
        };
        if (options.format === 'genius') {
          await write(`${process.id}_domain.xml`, writeGeniusDomain(issues, process.id));
          for (const profile of profiles) {
            const out = writeGeniusProfile(profile, issues, process.id);
            await write(`${profile.party}.xml`, out.xml);
            warnings.push(...out.warnings.map((w) => `${profile.party}: ${w}`));
          }
        } else {
          for (const profile of profiles) {
            const out = writeGeniusWebProfile(profile, issues, profile.party, process.id);
            await write(`${profile.party}.json`, out.json);
            warnings.push(...out.warnings.map((w) => `${profile.party}: ${w}`));
          }
          await write(`${process.id}_domain.json`, writeGeniusWebDomain(issues, process.id));
        }
        for (const warning of warnings) io.err(`warning: ${warning}\n`);
        context.print({ written, warnings }, (r) => `Wrote ${r.written.join(', ')}\n`);
      });
    });
}
