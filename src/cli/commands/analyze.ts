/**
 * `concord analyze`: the mediator's questions on a process (or on GENIUS
 * files) — is the draft acceptable to each party, what is efficient, the
 * bargaining solutions, how many packages everyone can accept, the changes
 * that help everyone — and `concord propose`: a package as a new version.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { analyse } from '../../core/analysis/analysis-report.ts';
import type { Package } from '../../core/analysis/issue-space.ts';
import { CRITERIA, type Criterion } from '../../core/analysis/solutions.ts';
import { InvalidError } from '../../core/errors.ts';
import type { FuzzyDate } from '../../core/fuzzy-date.ts';
import { AnalysisService, type ProcessAnalysis } from '../../services/analysis-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { dateOption } from '../options.ts';
import { progressBar } from '../progress.ts';
import { readGeniusInput } from './analyze-genius.ts';
import { plot, render } from './analyze-render.ts';
import { writeAtomically } from './scenario.ts';

interface AnalyzeOptions {
  text?: string;
  version?: string;
  set?: Record<string, string>;
  improve: string;
  frontier?: string | true;
  rankBy: string;
  top: string;
  maxChanges: string;
  samples: string;
  seed: string;
  workers?: string;
  plot?: string;
  genius?: string[];
  geniusweb?: string[];
}

export function registerAnalyzeCommands(program: Command, io: CliIo): void {
  program
    .command('analyze')
    .description(
      'is the draft acceptable to each party, what is efficient, the bargaining solutions, the acceptable packages, the changes that help everyone',
    )
    .option(
      '--text <slug>',
      'the text whose version gives the draft package (default: the one the issues are tied to)',
    )
    .option('--version <slug>', 'the version giving the draft package (default: the latest)')
    .option(
      '--set <issue=option>',
      'set an issue of the draft by hand (repeatable)',
      issueOption,
      {},
    )
    .option(
      '--improve <draft|package>',
      'the package to evaluate and improve: the draft, or issue=option,issue=option… (over the draft)',
      'draft',
    )
    .option('--frontier [n]', 'list the acceptable frontier points (at most n, default 50)')
    .option('--rank-by <criterion>', `rank the top packages by: ${CRITERIA.join(', ')}`, 'nash')
    .option('--top <k>', 'how many top packages to list', '5')
    .option('--max-changes <n>', 'search improvements changing up to n issues (1–3)', '3')
    .option(
      '--samples <n>',
      'sensitivity: Monte Carlo samples over the profiles’ uncertainty (0: none)',
      '0',
    )
    .option('--seed <n>', 'sensitivity: the random seed (same seed, same result)', '1')
    .option('--workers <n>', 'sensitivity: worker threads (default: cores, at most 4)')
    .option('--plot <file.svg>', 'also draw the utility space as an SVG chart')
    .option(
      '--genius <files...>',
      'analyse GENIUS XML files instead of a process: the domain, then two or more profiles',
    )
    .option(
      '--geniusweb <files...>',
      'analyse GeniusWeb JSON profiles instead of a process (two or more)',
    )
    .addHelpText(
      'after',
      `
Only the profiles you may see take part (--as): a party sees its own and public ones,
the mediator those shared with the mediator.

Examples:
  $ concord analyze
  $ concord analyze --version v1 --samples 10000 --plot space.svg
  $ concord analyze --set army-cap=800000 --json
  $ concord analyze --genius domain.xml party1.xml party2.xml`,
    )
    .action(async (options: AnalyzeOptions, command: Command) => {
      const context = CliContext.of(io, command);
      const rankBy = criterion(options.rankBy);
      const top = count('--top', options.top, 1, 100);
      const maxChanges = count('--max-changes', options.maxChanges, 1, 3);
      const samples = count('--samples', options.samples, 0, 10_000_000);
      const seed = count('--seed', options.seed, 0, 2 ** 31);
      const workers =
        options.workers === undefined ? undefined : count('--workers', options.workers, 1, 64);
      const improve = options.improve === 'draft' ? {} : packageOption(options.improve);
      const choices = { ...improve, ...(options.set ?? {}) };
      const listFrontier =
        options.frontier === undefined
          ? undefined
          : options.frontier === true
            ? 50
            : count('--frontier', options.frontier, 1, 100_000);
      const analysisOptions = {
        rankBy,
        top,
        maxChanges,
        ...(listFrontier === undefined ? {} : { listFrontier }),
      };
      const files = options.genius ?? options.geniusweb;
      const run = async (service: AnalysisService | undefined, analysis: ProcessAnalysis) => {
        const sensitivity =
          samples > 0 && service !== undefined
            ? await service.sensitivity(analysis, {
                samples,
                seed,
                ...(workers === undefined ? {} : { workers }),
                onProgress: progressBar(io, 'Sampling'),
              })
            : undefined;
        if (options.plot !== undefined) {
          const file = resolve(io.cwd, options.plot);
          await writeAtomically(file, plot(analysis, options.plot));
          io.err(`Wrote the utility-space chart to ${options.plot}\n`);
        }
        context.print(
          {
            ...analysis.report,
            leftOut: analysis.input.leftOut,
            draftSource: analysis.draftSource,
            ...(sensitivity ? { sensitivity } : {}),
          },
          () => render(analysis, sensitivity),
        );
      };
      if (files !== undefined) {
        const input = await readGeniusInput(
          files.map((file) => resolve(io.cwd, file)),
          options.genius !== undefined ? 'genius' : 'geniusweb',
        );
        const result = analyse(input.issues, input.profiles, {
          ...analysisOptions,
          ...(Object.keys(choices).length === 0 ? {} : { draft: choices as Package }),
        });
        await run(undefined, { ...result, input: { ...input, leftOut: [] } });
        if (samples > 0)
          io.err(
            'Sensitivity needs uncertainty ranges, which GENIUS files do not carry: skipped.\n',
          );
        return;
      }
      await context.withStore(async (store, process, viewer) => {
        const service = new AnalysisService(store, viewer);
        const draft = {
          ...(options.text === undefined ? {} : { text: options.text }),
          ...(options.version === undefined ? {} : { version: options.version }),
          ...(Object.keys(choices).length === 0 ? {} : { set: choices }),
        };
        await run(service, await service.analyse(process.id, draft, analysisOptions));
      });
    });

  program
    .command('propose')
    .description(
      'write a package into a new version of a text: each tied provision proposes the chosen alternative',
    )
    .argument('<text>', 'text slug')
    .argument('<version>', 'slug of the new version')
    .option('--from <slug>', 'the version to start from (default: the latest)')
    .option('--nash', 'the Nash package (the first, if tied)')
    .option(
      '--improvement <n>',
      'the n-th improvement on the draft (as listed by "concord analyze")',
    )
    .option(
      '--set <issue=option>',
      'an issue’s option (repeatable; over --nash or --improvement)',
      issueOption,
      {},
    )
    .option('--label <text>', 'the new version’s label')
    .option('--date <date>', 'the new version’s date', dateOption('--date'))
    .addHelpText(
      'after',
      `
Examples:
  $ concord propose peace-plan v3 --improvement 1
  $ concord propose peace-plan v3 --nash --label "Mediator's compromise"`,
    )
    .action(
      async (textSlug: string, versionSlug: string, options: ProposeOptions, command: Command) => {
        const context = CliContext.of(io, command);
        await context.withStore(async (store, process, viewer) => {
          const service = new AnalysisService(store, viewer);
          let base: Record<string, string> = {};
          if (options.nash || options.improvement !== undefined) {
            const analysis = await service.analyse(process.id, {
              text: textSlug,
              ...(options.from === undefined ? {} : { version: options.from }),
            });
            if (options.nash) {
              const pkg = analysis.report.solutions.find((s) => s.criterion === 'nash')?.points[0]
                ?.packages[0];
              if (pkg === undefined)
                throw InvalidError.of(
                  'no package is acceptable to every party: there is no Nash package',
                );
              base = { ...pkg };
            } else {
              const n = count('--improvement', options.improvement ?? '', 1, 100);
              const draft = analysis.report.draft;
              if (draft === undefined)
                throw InvalidError.of(
                  `the draft is incomplete (${analysis.draftSource?.found.unsettled.map((u) => u.issue).join(', ')}): give the missing issues with --set`,
                );
              const improvement = draft.improvements[n - 1];
              if (improvement === undefined)
                throw InvalidError.of(
                  `there ${draft.improvements.length === 1 ? 'is 1 improvement' : `are ${draft.improvements.length} improvements`} on the draft`,
                );
              base = { ...draft.package };
              for (const change of improvement.changes) base[change.issue] = change.to;
            }
          }
          const result = await service.packageToVersion(process.id, {
            text: textSlug,
            ...(options.from === undefined ? {} : { from: options.from }),
            version: versionSlug,
            ...(options.label === undefined ? {} : { label: options.label }),
            ...(options.date === undefined ? {} : { date: options.date }),
            package: { ...base, ...(options.set ?? {}) },
          });
          context.print(
            result,
            (r) =>
              `Created version "${r.version}" of "${r.text}": ${r.written.length} provision${r.written.length === 1 ? '' : 's'} now propose the package's options (${r.written.join(', ')}).${r.skipped.length > 0 ? `\nNot tied to this text (kept as they were): ${r.skipped.join(', ')}.` : ''}\n`,
          );
        });
      },
    );
}

interface ProposeOptions {
  from?: string;
  nash?: boolean;
  improvement?: string;
  set?: Record<string, string>;
  label?: string;
  date?: FuzzyDate;
}

function issueOption(
  text: string,
  previous: Record<string, string>,
  option = '--set',
): Record<string, string> {
  const match = /^([^=\s]+)=(\S+)$/.exec(text.trim());
  if (match === null) throw InvalidError.of(`${option}: expected issue=option, got "${text}"`);
  return { ...previous, [match[1] as string]: match[2] as string };
}

/** `issue=option,issue=option…` (the package for --improve). */
function packageOption(text: string): Record<string, string> {
  return text
    .split(',')
    .filter((part) => part.trim() !== '')
    .reduce(
      (choices, part) => issueOption(part, choices, '--improve'),
      {} as Record<string, string>,
    );
}

function criterion(text: string): Criterion {
  if ((CRITERIA as readonly string[]).includes(text)) return text as Criterion;
  throw InvalidError.of(`--rank-by: "${text}" is not one of: ${CRITERIA.join(', ')}`);
}

function count(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw InvalidError.of(
      `${option}: expected a whole number from ${min} to ${max}, got "${text}"`,
    );
  return value;
}
