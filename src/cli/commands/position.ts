/** `concord position set|history|matrix|movement`: the parties' stances on the text. */

import type { Command } from 'commander';
import { type FuzzyDate, parseFuzzyDate } from '../../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type {
  AlternativeId,
  PartyId,
  ProvisionId,
  SourceId,
  TextId,
  VersionId,
} from '../../core/ids.ts';
import {
  POSITION_AUDIENCES,
  type Position,
  type PositionAudience,
  STANCES,
  type Stance,
} from '../../core/text/position.ts';
import type { StancePoint } from '../../core/text/position-matrix.ts';
import { matrixCsv } from '../../io/text/matrix-csv.ts';
import { PositionService } from '../../services/position-service.ts';
import { TextService } from '../../services/text-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { choiceList, dateOption } from '../options.ts';
import { table } from '../output.ts';
import { writeAtomically } from './scenario.ts';

const STANCE_MARKS: Record<Stance, string> = {
  accepts: 'accepts',
  'accepts-with-changes': 'accepts with changes',
  rejects: 'rejects',
  'red-line': 'RED LINE',
  undecided: 'undecided',
};

export function registerPositionCommands(program: Command, io: CliIo): void {
  const position = program
    .command('position')
    .description("the parties' stances on provisions: record, history, matrix, movement");

  position
    .command('set')
    .description("record a party's stance on a provision (history is kept: nothing is overwritten)")
    .argument('<text>', 'text slug')
    .argument('<provision>', 'provision id (shown as ‹id› by "concord text show")')
    .requiredOption('--party <slug>', 'the party whose stance this is')
    .requiredOption('--stance <stance>', STANCES.join(', '))
    .option('--version <slug>', 'the version (default: the latest)')
    .option('--wording <text>', 'the wording proposed, with accepts-with-changes')
    .option('--alternative <id>', 'for an open provision: the alternative the stance is about')
    .option('--note <text>', 'a note')
    .option('--author <name>', 'who records it')
    .option(
      '--audience <audience>',
      'party (its delegation only, the default), mediator (and the mediator), or public',
      'party',
    )
    .option(
      '--recorded <date>',
      'when the stance was taken (default: now)',
      dateOption('--recorded'),
    )
    .option('--source <slug>', 'the source it comes from')
    .addHelpText(
      'after',
      '\nExample:\n  $ concord position set peace-plan donbas --party ukraine --stance red-line --audience mediator --note "No territory ceded"',
    )
    .action(async (text: string, provision: string, options: SetOptions, command: Command) => {
      const context = CliContext.of(io, command);
      const stance = pick('--stance', options.stance, STANCES);
      const audience = pick('--audience', options.audience, POSITION_AUDIENCES);
      await context.withStore(async (store, process) => {
        const { version } = await new TextService(store).getVersion(
          process.id,
          text,
          options.version,
        );
        const recorded: FuzzyDate =
          options.recorded ??
          parseFuzzyDate(new Date(context.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
        const saved = await new PositionService(store).record(process.id, {
          text: text as TextId,
          version: version.id,
          provision: provision as ProvisionId,
          party: options.party as PartyId,
          stance,
          ...(options.wording && { wording: options.wording }),
          ...(options.alternative && { alternative: options.alternative as AlternativeId }),
          ...(options.note && { note: options.note }),
          ...(options.author && { author: options.author }),
          recorded,
          audience: audience as PositionAudience,
          ...(options.source && { source: options.source as SourceId }),
        });
        context.print(
          saved,
          (p) =>
            `Recorded: ${p.party} ${STANCE_MARKS[p.stance]} ‹${p.provision}› of ${p.text} ${p.version} (${describeFuzzyDate(p.recorded)}, audience: ${p.audience}).\n`,
        );
      });
    });

  position
    .command('history')
    .description(
      'every recorded stance on a text, oldest first (optionally one provision, party or version)',
    )
    .argument('<text>', 'text slug')
    .option('--provision <id>', 'one provision')
    .option('--party <slug>', 'one party')
    .option('--version <slug>', 'one version')
    .addHelpText('after', '\nExample:\n  $ concord position history peace-plan --provision donbas')
    .action(
      async (
        text: string,
        options: { provision?: string; party?: string; version?: string },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        await context.withStore(async (store, process, viewer) => {
          const positions = await new PositionService(store, viewer).history(process.id, {
            text,
            ...(options.provision && { provision: options.provision as ProvisionId }),
            ...(options.party && { party: options.party as PartyId }),
            ...(options.version && { version: options.version as VersionId }),
          });
          context.print(positions, (list) =>
            list.length === 0
              ? 'No positions recorded (that you may see).\n'
              : table(
                  ['RECORDED', 'PARTY', 'PROVISION', 'VERSION', 'STANCE', 'AUDIENCE', 'NOTE'],
                  list.map((p) => [
                    describeFuzzyDate(p.recorded),
                    p.party,
                    p.provision,
                    p.version,
                    describeStance(p),
                    p.audience,
                    p.note ?? '',
                  ]),
                ),
          );
        });
      },
    );

  position
    .command('matrix')
    .description("provisions × parties: each party's latest stance on each provision of a version")
    .argument('<text>', 'text slug')
    .option('--version <slug>', 'the version (default: the latest)')
    .option('--as-of <date>', 'stances recorded by this date', dateOption('--as-of'))
    .option('--csv', 'as CSV (one column per party for the stance, one for a proposed wording)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord position matrix peace-plan --version v1\n  $ concord position matrix peace-plan --csv -o matrix.csv',
    )
    .action(
      async (
        text: string,
        options: { version?: string; asOf?: FuzzyDate; csv?: boolean; output?: string },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        await context.withStore(async (store, process, viewer) => {
          const report = await new PositionService(store, viewer).matrix(
            process.id,
            text,
            options.version,
            options.asOf,
          );
          let output: string;
          if (options.csv) output = matrixCsv(report.matrix, report.parties);
          else if (context.options.json) output = `${JSON.stringify(report, mapReplacer, 2)}\n`;
          else {
            const header = [
              'PROVISION',
              ...report.parties.map((p) => (p.shortName ?? p.name).toUpperCase()),
            ];
            const rows = report.matrix.rows.map((row) => [
              `${'  '.repeat(row.depth)}${[row.number, row.heading ?? truncate(row.wording, 40)].filter(Boolean).join(' ')} ‹${row.provision}›`,
              ...report.matrix.parties.map((party) => {
                const cell = row.cells.get(party);
                return cell === undefined ? '·' : describeStance(cell);
              }),
            ]);
            output = `${report.text.title}, version ${report.version}${options.asOf ? `, as of ${describeFuzzyDate(options.asOf)}` : ''}\n\n${table(header, rows)}`;
          }
          if (options.output === undefined) io.out(output);
          else {
            await writeAtomically(options.output, output);
            io.err(`Wrote ${options.output}\n`);
          }
        });
      },
    );

  position
    .command('movement')
    .description('how stances moved between two versions or two dates, provision by provision')
    .argument('<text>', 'text slug')
    .requiredOption('--from <version-or-date>', 'a version slug, or a date')
    .requiredOption('--to <version-or-date>', 'a version slug, or a date (default: today)')
    .option('--all', 'also list stances that did not move')
    .addHelpText(
      'after',
      '\nA version means the stances taken on that version; a date means the latest stance recorded by then on any version.\nProvisions keep their identity across versions, so a renumbered provision is compared with itself.\n\nExamples:\n  $ concord position movement peace-plan --from v1 --to revised-framework\n  $ concord position movement peace-plan --from 2025-11-23 --to 2025-12-01',
    )
    .action(
      async (
        text: string,
        options: { from: string; to: string; all?: boolean },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        await context.withStore(async (store, process, viewer) => {
          const found = await new TextService(store, viewer).getText(process.id, text);
          const point = (value: string): StancePoint =>
            found.versions.some((v) => v.id === value)
              ? { version: value as VersionId }
              : { asOf: dateOption('--from/--to')(value) };
          const from = point(options.from);
          const to = point(options.to);
          const { rows } = await new PositionService(store, viewer).movement(
            process.id,
            text,
            from,
            to,
          );
          const shown = options.all ? rows : rows.filter((row) => row.change !== 'same');
          context.print({ text: found.id, from, to, rows: shown }, () =>
            shown.length === 0
              ? 'No stance moved.\n'
              : table(
                  ['PROVISION', 'PARTY', 'FROM', 'TO', 'CHANGE'],
                  shown.map((row) => [
                    row.provision,
                    row.party,
                    row.before ? describeStance(row.before) : '—',
                    row.after ? describeStance(row.after) : '—',
                    row.change,
                  ]),
                ),
          );
        });
      },
    );
}

interface SetOptions {
  party: string;
  stance: string;
  version?: string;
  wording?: string;
  alternative?: string;
  note?: string;
  author?: string;
  audience: string;
  recorded?: FuzzyDate;
  source?: string;
}

function describeStance(position: Position): string {
  const alternative = position.alternative === undefined ? '' : ` [${position.alternative}]`;
  return `${STANCE_MARKS[position.stance]}${alternative}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function pick<T extends string>(option: string, value: string, choices: readonly T[]): T {
  return choiceList(option, choices)(value, undefined)[0] as T;
}

function mapReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}
