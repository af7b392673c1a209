/**
 * `npm run bench:analysis`: the analysis engine on the spaces issue 4 names.
 *
 * - The shared GENIUS domains (../shared/data/genius, skipped when absent):
 *   the engine's frontier and Nash point must be identical to brute force's;
 *   times and the ratio are printed.
 * - Seeded random additive profiles (values and weights uniform, reservation
 *   0.2): 2 parties × 30 issues × 5 options (frontier + Nash + KS ≤ 50 ms),
 *   2 × 100 × 10 (≤ 1 s), 3 × 12 × 5 (≤ 200 ms and ≥ 100× faster than the
 *   streaming brute force, run once), 3 × 20 × 5 (≤ 3 s), 5 × 10 × 4 with red
 *   lines on options and on pairs of issues (≤ 2 s), and near-zero-sum 2 × 30
 *   × 5 (one party's values are the other's reversed, ±0.001): an
 *   ε-approximate answer with ε ≤ 10^-4 in ≤ 2 s.
 * - 10,000 sensitivity samples on the reference scenario (≤ 5 s), on worker
 *   threads.
 * - Peak RSS of the whole process (≤ 1 GiB).
 *
 * Each engine timing is the median and maximum of 5 runs after a warm-up,
 * plus the first (cold) run. The count of acceptable packages is timed apart,
 * with the budget `concord analyze` gives it (`REPORT_COUNT`).
 * Nothing is asserted: the program prints a table and a JSON line.
 * Options: --seed N (default 42), --no-brute (skip the long brute force).
 */

import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { analyse, REPORT_COUNT } from '../src/core/analysis/analysis-report.ts';
import {
  bruteForceStream,
  bruteFrontier,
  dedupe,
  enumeratePackages,
} from '../src/core/analysis/brute-force.ts';
import { type CompiledSpace, compileSpace } from '../src/core/analysis/compiled-space.ts';
import { countAcceptable } from '../src/core/analysis/count.ts';
import { computeFrontier } from '../src/core/analysis/frontier.ts';
import type { AnalysisIssue } from '../src/core/analysis/issue-space.ts';
import type { Profile, RedLine } from '../src/core/analysis/profile.ts';
import { seededRandom } from '../src/core/analysis/random.ts';
import { solve, tied } from '../src/core/analysis/solutions.ts';
import type { IssueId, OptionId, PartyId } from '../src/core/ids.ts';
import { readGeniusDomain, readGeniusProfile } from '../src/io/analysis/genius-read.ts';
import { readScenario } from '../src/io/scenario/scenario-read.ts';
import { sensitivityOf } from '../src/services/analysis-service.ts';
import { machine, ms } from './stats.ts';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 42;
const brute = !args.includes('--no-brute');
const MiB = 2 ** 20;
const rows: string[][] = [];
const json: Record<string, unknown> = {};

function mark(ok: boolean, nearly = false): string {
  return ok ? '✓' : nearly ? '~' : '✗';
}

/** Runs `work` once cold, once to warm up, then 5 times; returns [cold, median, max]. */
function time(work: () => unknown): { cold: number; median: number; max: number } {
  const run = () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const cold = run();
  run();
  const times = Array.from({ length: 5 }, run).sort((a, b) => a - b);
  return { cold, median: times[2] as number, max: times[4] as number };
}

/** frontier + Nash + Kalai–Smorodinsky, as the issue's targets count them. */
function solveSpace(space: CompiledSpace) {
  const frontier = computeFrontier(space);
  return { frontier, nash: solve(frontier, 'nash'), ks: solve(frontier, 'kalai-smorodinsky') };
}

function randomSpace(
  parties: number,
  issueCount: number,
  options: number,
  opts: { zeroSum?: boolean; redLines?: boolean } = {},
): { issues: AnalysisIssue[]; profiles: Profile[] } {
  const random = seededRandom(seed * 1_000 + parties * 100 + issueCount + options);
  const issues: AnalysisIssue[] = Array.from({ length: issueCount }, (_, i) => ({
    id: `i${i}` as IssueId,
    name: `Issue ${i}`,
    options: Array.from({ length: options }, (_, o) => ({
      id: `o${o}` as OptionId,
      label: `o${o}`,
    })),
  }));
  const base = issues.map((issue) => issue.options.map(() => random()));
  const sharedWeights = issues.map(() => random());
  const profiles = Array.from({ length: parties }, (_, p): Profile => {
    const redLines: RedLine[] = [];
    if (opts.redLines) {
      const pick = () => Math.floor(random() * issueCount);
      const option = () => `o${Math.floor(random() * options)}` as OptionId;
      const a = pick();
      let b = pick();
      if (b === a) b = (a + 1) % issueCount;
      redLines.push({
        kind: 'forbid',
        when: [{ issue: `i${pick()}` as IssueId, options: [option()] }],
      });
      redLines.push({
        kind: 'forbid',
        when: [
          { issue: `i${a}` as IssueId, options: [option()] },
          { issue: `i${b}` as IssueId, options: [option()] },
        ],
      });
    }
    return {
      party: `p${p}` as PartyId,
      weights: Object.fromEntries(
        issues.map((issue, i) => [
          issue.id,
          opts.zeroSum ? (sharedWeights[i] as number) : random(),
        ]),
      ),
      values: Object.fromEntries(
        issues.map((issue, i) => [
          issue.id,
          {
            kind: 'options' as const,
            values: Object.fromEntries(
              issue.options.map((option, o) => {
                const x = base[i]?.[o] as number;
                const value = !opts.zeroSum
                  ? random()
                  : p === 0
                    ? x
                    : Math.min(1, Math.max(0, 1 - x + (random() - 0.5) * 0.002));
                return [option.id, value];
              }),
            ),
          },
        ]),
      ),
      reservation: 0.2,
      redLines,
      audience: 'party',
    };
  });
  return { issues, profiles };
}

console.error(`bench:analysis — ${machine()}, load ${loadavg()[0]?.toFixed(2)}, seed ${seed}`);

// 1. The shared GENIUS domains against brute force.
const genius = new URL('../../shared/data/genius/', import.meta.url).pathname;
if (!existsSync(genius)) {
  console.error('../shared/data/genius is absent: the GENIUS domains are skipped');
} else {
  const domains: [string, string, string[]][] = [
    ['laptop', 'Laptop-C-domain.xml', ['Laptop-C-prof1.xml', 'Laptop-C-prof2.xml']],
    [
      'itex-cypress',
      'ItexvsCypress_domain.xml',
      ['ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml'],
    ],
    ['england-zimbabwe', 'EnglandZimbabwe_domain.xml', ['England.xml', 'Zimbabwe.xml']],
    [
      'party',
      'party_domain.xml',
      ['party1_utility.xml', 'party2_utility.xml', 'party3_utility.xml', 'party4_utility.xml'],
    ],
  ];
  for (const [folder, domainFile, profileFiles] of domains) {
    const read = (file: string) => readFileSync(`${genius}${folder}/${file}`, 'utf8');
    const issues = readGeniusDomain(read(domainFile), domainFile);
    const profiles = profileFiles.map((file, i) =>
      readGeniusProfile(read(file), issues, `p${i}` as PartyId, file),
    );
    const space = compileSpace(issues, profiles);
    const engine = time(() => solveSpace(space));
    const start = performance.now();
    const all = enumeratePackages(space);
    const expected = bruteFrontier(space, all);
    const bruteNash = bruteForceStream(space).best.nash;
    const bruteMs = performance.now() - start;
    const { frontier, nash } = solveSpace(space);
    const got = dedupe(
      Array.from({ length: frontier.count }, (_, i) => Array.from(frontier.utilitiesAt(i))),
    );
    const same =
      got.length === expected.length &&
      got.every((v, i) => v.every((x, p) => Math.abs(x - (expected[i]?.[p] as number)) <= 1e-9)) &&
      (bruteNash === undefined
        ? nash === undefined
        : nash !== undefined && tied(nash.value, bruteNash));
    rows.push([
      `GENIUS ${folder} (${profiles.length} parties, ${all.count} packages)`,
      ms(engine.median),
      ms(engine.max),
      ms(engine.cold),
      `identical frontier (${got.length} points) and Nash: ${same ? 'yes' : 'NO'}; brute force ${ms(bruteMs)} (${(bruteMs / engine.median).toFixed(0)}×)`,
      mark(same),
    ]);
    json[`genius-${folder}`] = { ...engine, bruteMs, identical: same, points: got.length };
  }
}

// 2. Random spaces.
const cases: [string, number, number, number, number, { zeroSum?: boolean; redLines?: boolean }][] =
  [
    ['2×30×5', 2, 30, 5, 50, {}],
    ['2×100×10', 2, 100, 10, 1_000, {}],
    ['3×12×5', 3, 12, 5, 200, {}],
    ['3×20×5', 3, 20, 5, 3_000, {}],
    ['5×10×4 red lines', 5, 10, 4, 2_000, { redLines: true }],
    ['2×30×5 near-zero-sum', 2, 30, 5, 2_000, { zeroSum: true }],
  ];
for (const [name, parties, issueCount, options, target, opts] of cases) {
  console.error(`  ${name}…`);
  const { issues, profiles } = randomSpace(parties, issueCount, options, opts);
  const space = compileSpace(issues, profiles);
  const engine = time(() => solveSpace(space));
  const { frontier } = solveSpace(space);
  const countStart = performance.now();
  const count = countAcceptable(space, REPORT_COUNT);
  const countMs = performance.now() - countStart;
  const notes = [
    `${frontier.count.toLocaleString('en')} points${frontier.exact ? '' : `, ε = ${frontier.epsilon.toExponential(2)}`}`,
    `count ${count.kind} (${count.method}) ${ms(countMs)}`,
  ];
  let ok = engine.max <= target;
  const nearly = engine.median <= target;
  const entry: Record<string, unknown> = {
    ...engine,
    target,
    points: frontier.count,
    exact: frontier.exact,
    epsilon: frontier.epsilon,
    countMs,
    countKind: count.kind,
  };
  if (opts.zeroSum) ok = ok && frontier.epsilon <= 1e-4;
  if (name === '3×12×5' && brute) {
    console.error('    brute force over 244,140,625 packages (two passes)…');
    const start = performance.now();
    const result = bruteForceStream(space);
    const bruteMs = performance.now() - start;
    const { nash, ks } = solveSpace(space);
    const agrees =
      nash !== undefined &&
      tied(nash.value, result.best.nash as number) &&
      ks !== undefined &&
      tied(ks.value, result.best['kalai-smorodinsky'] as number);
    const ratio = bruteMs / engine.median;
    ok = ok && ratio >= 100 && agrees;
    notes.push(
      `brute force ${(bruteMs / 1000).toFixed(1)} s: ${ratio.toFixed(0)}× (≥ 100×), same Nash and KS: ${agrees ? 'yes' : 'NO'}`,
    );
    Object.assign(entry, { bruteMs, ratio, agrees });
  }
  rows.push([
    `${name} (target ${ms(target)})`,
    ms(engine.median),
    ms(engine.max),
    ms(engine.cold),
    notes.join('; '),
    mark(ok, nearly),
  ]);
  json[name] = entry;
}

// 3. Sensitivity on the reference scenario.
{
  const file = new URL('../examples/ukraine-talks-2025.yaml', import.meta.url);
  const record = readScenario(readFileSync(file, 'utf8'), 'ukraine-talks-2025.yaml');
  const nominal = analyse(record.issues, record.profiles, {});
  const input = { issues: [...record.issues], profiles: [...record.profiles], leftOut: [] };
  const workers = Math.min(availableParallelism(), 4);
  console.error(`  sensitivity: 10,000 samples on ${workers} workers…`);
  const start = performance.now();
  const result = await sensitivityOf(
    { report: nominal.report, input },
    { samples: 10_000, seed: 1, workers },
  );
  const elapsed = performance.now() - start;
  rows.push([
    'sensitivity, reference scenario, 10,000 samples (target 5 s)',
    ms(elapsed),
    '',
    '',
    `${workers} workers; Nash stays Nash in ${((result.nashStability?.estimate ?? 0) * 100).toFixed(1)}%`,
    mark(elapsed <= 5_000),
  ]);
  json.sensitivity = { ms: elapsed, workers, samples: result.samples };
}

const peak = process.resourceUsage().maxRSS * 1024;
rows.push([
  'peak RSS (target 1 GiB)',
  `${(peak / MiB).toFixed(0)} MiB`,
  '',
  '',
  '',
  mark(peak <= 2 ** 30),
]);
json.peakRssMiB = Math.round(peak / MiB);

const header = ['case', 'median', 'max', 'cold', 'notes', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i] as number))
    .join('  ')
    .trimEnd();
console.log(`bench:analysis — ${machine()}`);
console.log(line(header));
console.log(line(widths.map((w) => '─'.repeat(w))));
for (const row of rows) console.log(line(row));
console.log(JSON.stringify({ bench: 'analysis', seed, machine: machine(), ...json }));
