/** `concord text list|show|versions|diff|import|export`: the negotiating texts and their versions. */

import type { Command } from 'commander';
import { AUDIENCES, type Audience } from '../../core/audience.ts';
import { calendarDay, pad } from '../../core/calendar.ts';
import type { FuzzyDate } from '../../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../../core/fuzzy-date-describe.ts';
import type { PartyId, PersonId, SourceId, TextId, VersionId } from '../../core/ids.ts';
import {
  TEXT_KINDS,
  type TextKind,
  type TextVersion,
  VERSION_STATUSES,
  type VersionStatus,
} from '../../core/text/negotiating-text.ts';
import { numberProvisions } from '../../core/text/numbering.ts';
import { isOpen, type Provision } from '../../core/text/provision.ts';
import { renderRedlineHtml } from '../../io/text/diff-html.ts';
import { renderDiffMarkdown } from '../../io/text/diff-markdown.ts';
import { type ExportFormat, TextService } from '../../services/text-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { choiceList, dateOption, slugList } from '../options.ts';
import { table } from '../output.ts';
import { readLimited, writeAtomically } from './scenario.ts';

export function registerTextCommands(program: Command, io: CliIo): void {
  const text = program
    .command('text')
    .description('negotiating texts: versions, open alternatives, what changed');

  text
    .command('list')
    .description('the texts of the process, with their versions')
    .addHelpText('after', '\nExample:\n  $ concord text list')
    .action(async (_options, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process, viewer) => {
        const texts = await new TextService(store, viewer).listTexts(process.id);
        context.print(texts, (list) =>
          list.length === 0
            ? 'No texts yet: import a draft with "concord text import", or a scenario file.\n'
            : table(
                ['TEXT', 'TITLE', 'KIND', 'VERSIONS'],
                list.map((t) => [
                  t.id,
                  t.title,
                  t.kind,
                  t.versions.map((v) => v.id).join(', ') || '—',
                ]),
              ),
        );
      });
    });

  text
    .command('versions')
    .description(
      'the versions of a text: who proposed each, when, from which version, status and circulation',
    )
    .argument('<text>', 'text slug')
    .addHelpText('after', '\nExample:\n  $ concord text versions peace-plan')
    .action(async (slug: string, _options, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process, viewer) => {
        const service = new TextService(store, viewer);
        const texts = await service.listTexts(process.id);
        const found = texts.find((t) => t.id === slug) ?? (await service.getText(process.id, slug));
        const versions = texts.find((t) => t.id === found.id)?.versions ?? [];
        context.print({ text: found.id, versions }, () =>
          table(
            [
              'VERSION',
              'LABEL',
              'DATE',
              'STATUS',
              'PROPOSED BY',
              'FROM',
              'CIRCULATED TO',
              'AUDIENCE',
              'PROVISIONS',
            ],
            versions.map((v) => [
              v.id,
              v.label,
              v.date === undefined ? '—' : describeFuzzyDate(v.date),
              v.status,
              [v.proposedBy, v.proposedByPerson].filter(Boolean).join(', ') || '—',
              v.derivedFrom ?? '—',
              v.circulatedTo.join(', ') || '—',
              v.audience,
              String(v.provisionCount),
            ]),
          ),
        );
      });
    });

  text
    .command('show')
    .description(
      'a version of a text: its provisions with their numbers, open alternatives in brackets',
    )
    .argument('<text>', 'text slug')
    .option('--version <slug>', 'the version (default: the latest)')
    .addHelpText(
      'after',
      '\nEach provision ends with its stable id in ‹ › (use it with "concord position").\n\nExample:\n  $ concord text show peace-plan --version v1',
    )
    .action(async (slug: string, options: { version?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process, viewer) => {
        const { text: found, version } = await new TextService(store, viewer).getVersion(
          process.id,
          slug,
          options.version,
        );
        context.print(
          { text: { id: found.id, title: found.title, kind: found.kind }, version },
          () =>
            `${[
              `${found.title} (${found.id}), ${found.kind}`,
              describeVersion(version),
              '',
              ...renderTree(version.provisions),
            ].join('\n')}\n`,
        );
      });
    });

  text
    .command('diff')
    .description(
      'what changed between two versions, provision by provision, as a briefing, Markdown or an HTML redline',
    )
    .argument('<text>', 'text slug')
    .argument('<from>', 'the older version')
    .argument('<to>', 'the newer version')
    .option(
      '--format <format>',
      'briefing (Markdown), html (a printable redline) or json',
      'briefing',
    )
    .option(
      '--match <how>',
      'pair provisions by identity, by similarity of wording, or auto',
      'auto',
    )
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nDrafts imported without a common base carry no shared identities: "auto" then pairs provisions by the\nsimilarity of their wording and reports the confidence of each pairing.\n\nExamples:\n  $ concord text diff peace-plan v1 revised-framework\n  $ concord text diff peace-plan v1 revised-framework --format html -o redline.html',
    )
    .action(
      async (
        slug: string,
        from: string,
        to: string,
        options: { format: string; match: string; output?: string },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        const format = requireChoice('--format', options.format, [
          'briefing',
          'markdown',
          'html',
          'json',
        ] as const);
        const match = requireChoice('--match', options.match, [
          'auto',
          'identity',
          'similarity',
        ] as const);
        await context.withStore(async (store, process, viewer) => {
          const comparison = await new TextService(store, viewer).compare(
            process.id,
            slug,
            from,
            to,
            match,
          );
          const diffContext = {
            title: comparison.text.title,
            from: { id: comparison.from.id, label: comparison.from.label },
            to: { id: comparison.to.id, label: comparison.to.label },
            about: describeVersion(comparison.to),
          };
          let output: string;
          if (format === 'html') {
            output = renderRedlineHtml({
              diff: comparison.diff,
              before: comparison.from.provisions,
              after: comparison.to.provisions,
              context: diffContext,
            });
          } else if (format === 'json' || context.options.json) {
            output = `${JSON.stringify(comparison.diff, null, 2)}\n`;
          } else {
            output = renderDiffMarkdown(comparison.diff, diffContext);
          }
          await emit(io, output, options.output);
        });
      },
    );

  text
    .command('import')
    .description('import a plain or Markdown draft as a version of a text (created if new)')
    .argument(
      '<file>',
      'the draft: numbered points ("1.", "(a)", "Article 3", "Point 12") or Markdown; [option A / option B] opens a provision',
    )
    .requiredOption('--text <slug>', 'the text')
    .requiredOption('--version <slug>', 'the version to create (or replace)')
    .option(
      '--from <version>',
      'the version this draft continues: provisions keep their identities, matched by similarity',
    )
    .option('--label <label>', 'the version label (default: its slug)')
    .option('--title <title>', 'the title, to create a new text')
    .option('--kind <kind>', `the kind of a new text: ${TEXT_KINDS.join(', ')}`)
    .option('--date <date>', 'when the version was proposed', dateOption('--date'))
    .option('--proposed-by <party>', 'the party that proposed it')
    .option('--proposed-by-person <person>', 'the person who tabled it')
    .option('--status <status>', `one of ${VERSION_STATUSES.join(', ')}`)
    .option(
      '--circulated-to <parties...>',
      'the parties it was circulated to',
      slugList('--circulated-to'),
    )
    .option(
      '--audience <audience>',
      'public (published) or private (only the parties it was circulated to)',
    )
    .option('--source <slug>', 'the source it comes from')
    .option('--dry-run', 'report what would be imported without writing anything')
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord text import plan-v1.txt --text peace-plan --title "Peace plan" --kind plan --version v1\n  $ concord text import plan-v2.md --text peace-plan --version v2 --from v1 --proposed-by us --status circulated',
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const context = CliContext.of(io, command);
      const draft = await readLimited(file, 64 * 2 ** 20);
      const kind =
        options.kind === undefined ? undefined : requireChoice('--kind', options.kind, TEXT_KINDS);
      const status =
        options.status === undefined
          ? undefined
          : requireChoice('--status', options.status, VERSION_STATUSES);
      const audience =
        options.audience === undefined
          ? undefined
          : requireChoice('--audience', options.audience, AUDIENCES);
      await context.withStore(async (store, process) => {
        const report = await new TextService(store).importDraft(
          process.id,
          {
            text: options.text as TextId,
            version: options.version as VersionId,
            ...(options.from && { from: options.from as VersionId }),
            ...(options.label && { label: options.label }),
            ...(options.title && { title: options.title }),
            ...(kind && { kind: kind as TextKind }),
            ...(options.date && { date: options.date }),
            ...(options.proposedBy && { proposedBy: options.proposedBy as PartyId }),
            ...(options.proposedByPerson && {
              proposedByPerson: options.proposedByPerson as PersonId,
            }),
            ...(status && { status: status as VersionStatus }),
            ...(options.circulatedTo && { circulatedTo: options.circulatedTo as PartyId[] }),
            ...(audience && { audience: audience as Audience }),
            ...(options.source && { source: options.source as SourceId }),
          },
          draft,
          file,
          { dryRun: options.dryRun === true },
        );
        context.print(report, (r) => {
          const verb = r.dryRun ? 'Would import' : 'Imported';
          const what = r.replacedVersion ? 'replacing version' : 'as version';
          const lines = [
            `${verb} ${file} ${what} "${r.version}" of ${r.createdText ? 'new text' : 'text'} "${r.text}": ${r.provisions} provisions.`,
          ];
          if (options.from) {
            const unsure = r.continued.filter((c) => c.confidence < 0.8);
            lines.push(
              `  ${r.continued.length} continue provisions of "${options.from}", ${r.added.length} are new, ${r.removed.length} of "${options.from}" are gone.`,
            );
            for (const c of unsure)
              lines.push(
                `  check: ‹${c.id}› was paired with ${Math.round(c.confidence * 100)}% confidence`,
              );
          }
          return `${lines.join('\n')}\n`;
        });
      });
    });

  text
    .command('export')
    .description('write a version as Akoma Ntoso 3.0 XML, as a plain numbered draft, or as JSON')
    .argument('<text>', 'text slug')
    .option('--version <slug>', 'the version (default: the latest)')
    .option('--format <format>', 'akn, plain or json', 'akn')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nThe Akoma Ntoso conventions are in docs/akoma-ntoso.md.\n\nExample:\n  $ concord text export peace-plan --version v1 --format akn -o peace-plan-v1.xml',
    )
    .action(
      async (
        slug: string,
        options: { version?: string; format: string; output?: string },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        const format = requireChoice('--format', options.format, [
          'akn',
          'plain',
          'json',
        ] as const) as ExportFormat;
        await context.withStore(async (store, process, viewer) => {
          const today = calendarDay(context.now());
          const exportedOn = `${pad(today.year, 4)}-${pad(today.month, 2)}-${pad(today.day, 2)}`;
          const output = await new TextService(store, viewer).exportVersion(
            process.id,
            slug,
            options.version,
            format,
            exportedOn,
          );
          await emit(io, output, options.output);
        });
      },
    );
}

interface ImportOptions {
  text: string;
  version: string;
  from?: string;
  label?: string;
  title?: string;
  kind?: string;
  date?: FuzzyDate;
  proposedBy?: string;
  proposedByPerson?: string;
  status?: string;
  circulatedTo?: string[];
  audience?: string;
  source?: string;
  dryRun?: boolean;
}

/** One line about a version: status, who proposed it, when, from what, to whom. */
export function describeVersion(version: Omit<TextVersion, 'provisions'>): string {
  const parts = [`Version “${version.label}” (${version.id}): ${version.status}`];
  if (version.proposedBy || version.proposedByPerson) {
    parts.push(
      `proposed by ${[version.proposedBy, version.proposedByPerson].filter(Boolean).join(', ')}`,
    );
  }
  if (version.date) parts.push(describeFuzzyDate(version.date));
  if (version.derivedFrom) parts.push(`derived from ${version.derivedFrom}`);
  if (version.circulatedTo.length > 0)
    parts.push(`circulated to ${version.circulatedTo.join(', ')}`);
  parts.push(version.audience === 'public' ? 'published' : 'not published');
  return `${parts.join('; ')}.`;
}

/** A provision tree as indented text lines, with numbers, headings, wording and ids. */
export function renderTree(tree: readonly Provision[]): string[] {
  const numbers = numberProvisions(tree);
  const lines: string[] = [];
  const visit = (list: readonly Provision[], depth: number) => {
    for (const provision of list) {
      const indent = '  '.repeat(depth);
      const head = [numbers.get(provision.id), provision.heading].filter(Boolean).join(' ');
      const note = provision.note === undefined ? '' : ` [${provision.note}]`;
      if (isOpen(provision)) {
        lines.push(
          `${indent}${head ? `${head} ` : ''}‹${provision.id}›${note} open — alternatives:`,
        );
        for (const alternative of provision.alternatives ?? []) {
          const proposed = provision.proposed === alternative.id ? ' ← proposed' : '';
          lines.push(
            `${indent}  [${alternative.id}] ${alternative.text || '(without)'}${proposed}`,
          );
        }
      } else if (head && provision.body) {
        lines.push(`${indent}${head} ‹${provision.id}›${note}`, `${indent}  ${provision.body}`);
      } else {
        lines.push(`${indent}${head || provision.body} ‹${provision.id}›${note}`);
      }
      visit(provision.children, depth + 1);
    }
  };
  visit(tree, 0);
  return lines;
}

function requireChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  return choiceList(option, choices)(value, undefined)[0] as T;
}

async function emit(io: CliIo, text: string, file: string | undefined): Promise<void> {
  if (file === undefined) io.out(text);
  else {
    await writeAtomically(file, text);
    io.err(`Wrote ${file}\n`);
  }
}
