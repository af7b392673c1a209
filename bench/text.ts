/**
 * `npm run bench:text`: comparing two versions of a long negotiating text.
 * Two versions of a 2,000-provision text (about 400,000 words) with a tenth
 * of the provisions reworded, moved, added, removed (so that others are
 * renumbered) or opened and closed (see `generate-text.ts` for the exact mix)
 * are compared three ways:
 *
 * - by identity: `diffVersions(A, B)` (target ≤ 300 ms);
 * - as plain text: both written with `writePlainDraft` and read back with
 *   `parsePlainDraft` (so the ids are lost), then matched by similarity as
 *   `TextService.compare` does (`adoptIdentities` then `diffVersions` with the
 *   confidences): parse + match + diff ≤ 2 s, with ≥ 99% of B's provisions
 *   paired with their true counterpart (or, for new ones, with none). The
 *   drafts keep document order, so the k-th parsed provision is the k-th
 *   generated one: that is how the truth is known;
 * - as an HTML redline: `renderRedlineHtml` of the identity diff (≤ 500 ms);
 *
 * and the memory of the whole process is read (peak RSS ≤ 512 MiB). Each
 * timing runs a few times after a warm-up; the median and the maximum are
 * shown, with the very first run (cold: what a fresh process such as a CLI
 * command pays) and the share of the measured time spent collecting garbage.
 * A target is met (✓) when the maximum is within it, nearly (~) when only the
 * median is, missed (✗) otherwise. Nothing is asserted: the program prints a
 * table (progress goes to standard error) and a JSON line, and exits 0. The
 * machine's load average is printed too: on a busy machine the figures are
 * slower.
 *
 * Options: --seed N (default 42), --small (a tenth of the size).
 */

import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ProvisionId } from '../src/core/ids.ts';
import { adoptIdentities } from '../src/core/text/adopt-identities.ts';
import { type Provision, walkProvisions, wordingOf } from '../src/core/text/provision.ts';
import { type DiffSummary, diffVersions } from '../src/core/text/text-diff.ts';
import { renderRedlineHtml } from '../src/io/text/diff-html.ts';
import { summaryLine } from '../src/io/text/diff-markdown.ts';
import { parsePlainDraft, writePlainDraft } from '../src/io/text/plain-draft.ts';
import { type GeneratedText, generateText } from './generate-text.ts';
import { machine, ms } from './stats.ts';

const args = process.argv.slice(2);
const small = args.includes('--small');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 42;
if (!Number.isSafeInteger(seed)) {
  console.error('--seed takes an integer');
  process.exit(1);
}
const PROVISIONS = small ? 200 : 2_000;
/** RSS before any work: Node, tsx and the modules loaded. */
const BASELINE_RSS = process.memoryUsage().rss;
const MiB = 2 ** 20;

const TARGETS = {
  diffMs: 300,
  plainMs: 2_000,
  accuracy: 0.99,
  htmlMs: 500,
  memoryMiB: 512,
};

/** Runs of each measurement, after the warm-up runs. */
const RUNS = { diff: 15, plain: 5, write: 5, html: 7 };
const WARMUP = { diff: 2, plain: 1, write: 1, html: 1 };

/** A garbage collection on demand, for the live-heap figures (undefined if V8 refuses). */
const collectGarbage = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

interface Timing {
  readonly runs: number;
  /** The first run, before any warm-up: what a fresh process (a CLI command) pays. */
  readonly first: number;
  readonly median: number;
  readonly max: number;
  /** Share of the measured runs' time spent collecting garbage. */
  readonly gcShare: number;
}

/** The highest heap and RSS seen after any run (RSS's true peak is `maxRSS`). */
const sampled = { heapUsed: 0, rss: 0 };
function sampleMemory(): void {
  const usage = process.memoryUsage();
  sampled.heapUsed = Math.max(sampled.heapUsed, usage.heapUsed);
  sampled.rss = Math.max(sampled.rss, usage.rss);
}

/** Garbage collections seen (delivered between measurements, with their start times). */
const collections: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    collections.push({ start: entry.startTime, duration: entry.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });

/** Progress on standard error: one line per step, redrawn in place on a terminal. */
function progress(text: string, last = false): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}${last ? '\n' : ''}`);
  else if (last) process.stderr.write(`${text}\n`);
}

/**
 * Runs `work` `warmup` + `runs` times; returns the timings of the measured
 * runs (and of the very first) and the last result.
 */
async function measure<T>(
  label: string,
  warmup: number,
  runs: number,
  work: () => T,
): Promise<{ timing: Timing; result: T }> {
  let result: T | undefined;
  const times: number[] = [];
  const windows: [number, number][] = [];
  for (let i = 0; i < warmup + runs; i++) {
    progress(`${label}: ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}…`);
    const start = performance.now();
    result = work();
    const end = performance.now();
    times.push(end - start);
    windows.push([start, end]);
    sampleMemory();
  }
  // Let the observer deliver the collections of these runs.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const measured = windows.slice(warmup);
  const gc = collections
    .filter(({ start }) => measured.some(([from, to]) => start >= from && start < to))
    .reduce((sum, { duration }) => sum + duration, 0);
  const timing = summarise(times.slice(warmup), times[0] as number, gc);
  progress(
    `${label}: first ${ms(timing.first)}, median ${ms(timing.median)}, max ${ms(timing.max)}`,
    true,
  );
  return { timing, result: result as T };
}

function summarise(times: readonly number[], first: number, gc = 0): Timing {
  const sorted = [...times].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const total = times.reduce((sum, time) => sum + time, 0);
  return {
    runs: sorted.length,
    first,
    median,
    max: sorted[sorted.length - 1] as number,
    gcShare: total > 0 ? gc / total : 0,
  };
}

/** The same provisions, in the same order, with the same texts (ids aside)? */
function checkRoundTrip(
  original: readonly Provision[],
  parsed: readonly Provision[],
  name: string,
) {
  const before = [...walkProvisions(original)];
  const after = [...walkProvisions(parsed)];
  const problems: string[] = [];
  if (before.length !== after.length)
    problems.push(`${before.length} provisions written, ${after.length} read back`);
  before.forEach((provision, k) => {
    const read = after[k];
    if (read === undefined || problems.length >= 5) return;
    const same =
      read.style === provision.style &&
      read.heading === provision.heading &&
      read.children.length === provision.children.length &&
      wordingOf(read) === wordingOf(provision);
    if (!same) problems.push(`provision ${k + 1} (${provision.id}) did not read back the same`);
  });
  if (problems.length > 0) {
    throw new Error(`version ${name} does not survive the plain text: ${problems.join('; ')}`);
  }
}

interface Accuracy {
  readonly share: number;
  readonly right: number;
  readonly total: number;
  /** Of the wrong ones: paired with another provision, left unpaired, or new but paired. */
  readonly wrongPair: number;
  readonly missed: number;
  readonly falsePair: number;
  /** A's removed provisions correctly left unpaired, of all removed. */
  readonly removedRight: number;
  readonly removedTotal: number;
  readonly examples: string[];
}

/**
 * The share of B's provisions whose pairing is the true one: those that
 * continue a provision of A paired with it, new ones paired with none. Parsed
 * ids are mapped back to the generated ones by document position.
 */
function accuracyOf(
  generated: GeneratedText,
  parsedA: readonly Provision[],
  adopted: ReturnType<typeof adoptIdentities>,
): Accuracy {
  const originalsA = [...walkProvisions(generated.a)].map((p) => p.id);
  const originalsB = [...walkProvisions(generated.b)].map((p) => p.id);
  const original = new Map<ProvisionId, ProvisionId>();
  [...walkProvisions(parsedA)].forEach((p, k) => {
    original.set(p.id, originalsA[k] as ProvisionId);
  });
  let right = 0;
  let wrongPair = 0;
  let missed = 0;
  let falsePair = 0;
  const examples: string[] = [];
  const paired = new Set<ProvisionId>();
  [...walkProvisions(adopted.provisions)].forEach((provision, k) => {
    const truth = originalsB[k] as ProvisionId;
    const isNew = generated.added.has(truth);
    const from = adopted.confidence.has(provision.id) ? original.get(provision.id) : undefined;
    if (from !== undefined) paired.add(from);
    if (from === truth || (from === undefined && isNew)) {
      right++;
      return;
    }
    if (from === undefined) missed++;
    else if (isNew) falsePair++;
    else wrongPair++;
    if (examples.length < 5)
      examples.push(
        `${truth}${isNew ? ' (new)' : ''} paired with ${from ?? 'nothing'} (confidence ${(adopted.confidence.get(provision.id) ?? 0).toFixed(2)})`,
      );
  });
  const removedRight = [...generated.removed].filter((id) => !paired.has(id)).length;
  return {
    share: right / originalsB.length,
    right,
    total: originalsB.length,
    wrongPair,
    missed,
    falsePair,
    removedRight,
    removedTotal: generated.removed.size,
    examples,
  };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

function mark(timing: Timing, target: number): string {
  if (timing.max <= target) return '✓';
  return timing.median <= target ? '~' : '✗';
}

function counts(summary: DiffSummary): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value > 0));
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(`Concord text benchmark — ${machine()}, load average ${load}`);
  progress('Generating the two versions…');
  const started = performance.now();
  const generated = generateText({ provisions: PROVISIONS, seed });
  const generateMs = performance.now() - started;
  progress(`Generated the two versions in ${ms(generateMs)}`, true);
  const { a, b, mix, shape } = generated;
  const sizeA = [...walkProvisions(a)].length;
  const sizeB = [...walkProvisions(b)].length;
  const changed =
    mix.reworded +
    mix.moved +
    mix.added +
    mix.removed +
    mix.opened +
    mix.alternativesChanged +
    mix.closed;
  console.log(
    `Version A: ${sizeA.toLocaleString('en')} provisions (${plural(shape.preambles, 'preamble')}, ${plural(shape.sections, 'section')}, ${plural(shape.articles, 'article')}, ${plural(shape.points, 'point')}, ${plural(shape.subPoints, 'sub-point')}; ${shape.open} open, ${shape.boilerplate} boilerplate), ${generated.words.a.toLocaleString('en')} words (seed ${seed})`,
  );
  console.log(
    `Version B: ${sizeB.toLocaleString('en')} provisions, ${generated.words.b.toLocaleString('en')} words; ${changed} changed (${((100 * changed) / sizeA).toFixed(1)}%): ${mix.reworded} reworded, ${mix.moved} moved (${mix.movedAndReworded} of them also reworded), ${mix.added} added, ${mix.removed} removed, ${mix.opened} opened, ${mix.alternativesChanged} with alternatives changed, ${mix.closed} closed`,
  );

  // 1. By identity.
  const diff = await measure('Diff by identity', WARMUP.diff, RUNS.diff, () => diffVersions(a, b));
  console.log(`  Identity diff: ${summaryLine(diff.result.summary)}`);

  // 2. As plain text, matched by similarity.
  const write = await measure('Writing both plain drafts', WARMUP.write, RUNS.write, () => ({
    a: writePlainDraft(a),
    b: writePlainDraft(b),
  }));
  const plainA = write.result.a;
  const plainB = write.result.b;
  const phases = { parse: [] as number[], match: [] as number[], diff: [] as number[] };
  const plain = await measure(
    'Plain text: parse both, match, diff',
    WARMUP.plain,
    RUNS.plain,
    () => {
      const t0 = performance.now();
      const parsedA = parsePlainDraft(plainA, 'a.txt');
      const parsedB = parsePlainDraft(plainB, 'b.txt');
      const t1 = performance.now();
      // As TextService.compare does with two versions that share no identities.
      const used = [
        ...[...walkProvisions(parsedA)].map((p) => p.id),
        ...[...walkProvisions(parsedB)].map((p) => p.id),
      ];
      const adopted = adoptIdentities(parsedA, parsedB, used);
      const t2 = performance.now();
      const diff = diffVersions(parsedA, adopted.provisions, {
        matching: 'similarity',
        confidence: adopted.confidence,
      });
      const t3 = performance.now();
      phases.parse.push(t1 - t0);
      phases.match.push(t2 - t1);
      phases.diff.push(t3 - t2);
      return { parsedA, parsedB, adopted, diff };
    },
  );
  const phaseTimings = {
    parse: summarise(phases.parse.slice(WARMUP.plain), phases.parse[0] as number),
    match: summarise(phases.match.slice(WARMUP.plain), phases.match[0] as number),
    diff: summarise(phases.diff.slice(WARMUP.plain), phases.diff[0] as number),
  };
  const { parsedA, parsedB, adopted, diff: similarityDiff } = plain.result;
  // The truth is known by position: the drafts must read back to the same trees, in order.
  checkRoundTrip(a, parsedA, 'A');
  checkRoundTrip(b, parsedB, 'B');
  console.log(
    `  Plain drafts: ${(plainA.length / MiB).toFixed(1)} and ${(plainB.length / MiB).toFixed(1)} MiB, read back to the same trees`,
  );
  const accuracy = accuracyOf(generated, parsedA, adopted);
  console.log(`  Similarity diff: ${summaryLine(similarityDiff.summary)}`);

  // 3. The HTML redline of the identity diff.
  const context = {
    title: 'Benchmark framework agreement',
    from: { label: 'Version A', id: 'a' },
    to: { label: 'Version B', id: 'b' },
  };
  const html = await measure('HTML redline', WARMUP.html, RUNS.html, () =>
    renderRedlineHtml({ diff: diff.result, before: a, after: b, context }),
  );
  console.log(`  Redline: ${(html.result.length / MiB).toFixed(1)} MiB of HTML`);

  // 4. Memory: the whole process, which still holds everything above.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  collectGarbage?.();
  const live = process.memoryUsage();

  const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
  const timed = (label: string, t: Timing, target?: number, gc = true): string[] => [
    label,
    String(t.runs),
    ms(t.first),
    ms(t.median),
    ms(t.max),
    gc ? percent(t.gcShare) : '',
    target === undefined ? '' : target >= 1000 ? `≤ ${target / 1000} s` : `≤ ${target} ms`,
    target === undefined ? '' : mark(t, target),
  ];
  const figure = (label: string, value: string, target: string, met: boolean | undefined) => [
    label,
    '',
    '',
    value,
    '',
    '',
    target,
    met === undefined ? '' : met ? '✓' : '✗',
  ];
  const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
  const rows: string[][] = [
    ['Measurement', 'runs', 'first', 'median', 'max', 'GC', 'target', ''],
    timed('Diff by identity (diffVersions)', diff.timing, TARGETS.diffMs),
    timed('Plain text: parse both + match + diff', plain.timing, TARGETS.plainMs),
    timed('  parse both (parsePlainDraft)', phaseTimings.parse, undefined, false),
    timed('  match (adoptIdentities)', phaseTimings.match, undefined, false),
    timed('  diff with confidences', phaseTimings.diff, undefined, false),
    [
      '  provisions paired right',
      '',
      '',
      `${(accuracy.share * 100).toFixed(2)}%`,
      `${accuracy.right.toLocaleString('en')}/${accuracy.total.toLocaleString('en')}`,
      '',
      `≥ ${TARGETS.accuracy * 100}%`,
      accuracy.share >= TARGETS.accuracy ? '✓' : '✗',
    ],
    timed('Write both plain drafts (writePlainDraft)', write.timing),
    timed('HTML redline (renderRedlineHtml)', html.timing, TARGETS.htmlMs),
    figure(
      'Peak RSS of the process (maxRSS)',
      mib(peakRss),
      `≤ ${TARGETS.memoryMiB} MiB`,
      peakRss <= TARGETS.memoryMiB * MiB,
    ),
    figure(
      'Heap used: highest seen after a run',
      mib(sampled.heapUsed),
      `≤ ${TARGETS.memoryMiB} MiB`,
      sampled.heapUsed <= TARGETS.memoryMiB * MiB,
    ),
    figure(
      `Heap used at the end${collectGarbage ? ', after a GC' : ''}`,
      mib(live.heapUsed),
      '',
      undefined,
    ),
  ];
  const widths = (rows[0] as string[]).map((_, c) =>
    Math.max(...rows.map((r) => (r[c] ?? '').length)),
  );
  console.log('\nResults');
  for (const row of rows) {
    console.log(
      `  ${row
        .map((cell, c) =>
          c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
        )
        .join('  ')
        .trimEnd()}`,
    );
  }
  console.log(
    `  Pairing: ${accuracy.wrongPair} paired with the wrong provision, ${accuracy.missed} left unpaired, ${accuracy.falsePair} new but paired; ${accuracy.removedRight}/${accuracy.removedTotal} removed provisions left unpaired`,
  );
  for (const example of accuracy.examples) console.log(`    ${example}`);
  console.log(
    `  Memory: ${mib(BASELINE_RSS)} RSS before any work (Node, tsx, the modules); at the end the process still holds both generated versions, the two plain drafts, the parsed trees, both diffs and the redline (${mib(live.rss)} RSS).`,
  );
  console.log(
    '  first: the first run, cold (what a fresh process such as a CLI command pays); median and max: the runs after warm-up; GC: share of their time collecting garbage.',
  );
  console.log('  ✓ within the target on every run after warm-up, ~ only at the median, ✗ missed.');

  const round = (value: number) => Math.round(value * 100) / 100;
  const timing = (t: Timing) => ({
    runs: t.runs,
    firstMs: round(t.first),
    medianMs: round(t.median),
    maxMs: round(t.max),
    gcShare: round(t.gcShare),
  });
  console.log(
    JSON.stringify({
      bench: 'text',
      machine: machine(),
      loadAverage: loadavg(),
      seed,
      size: {
        provisionsA: sizeA,
        provisionsB: sizeB,
        wordsA: generated.words.a,
        wordsB: generated.words.b,
        shape,
      },
      mix,
      identityDiff: counts(diff.result.summary),
      similarityDiff: counts(similarityDiff.summary),
      figures: {
        diff: timing(diff.timing),
        plain: timing(plain.timing),
        parse: timing(phaseTimings.parse),
        match: timing(phaseTimings.match),
        similarityDiff: timing(phaseTimings.diff),
        write: timing(write.timing),
        html: timing(html.timing),
      },
      accuracy: {
        share: accuracy.share,
        right: accuracy.right,
        total: accuracy.total,
        wrongPair: accuracy.wrongPair,
        missed: accuracy.missed,
        falsePair: accuracy.falsePair,
      },
      memory: {
        baselineRssMiB: round(BASELINE_RSS / MiB),
        peakRssMiB: round(peakRss / MiB),
        peakHeapUsedMiB: round(sampled.heapUsed / MiB),
        endHeapUsedMiB: round(live.heapUsed / MiB),
      },
      targets: TARGETS,
    }),
  );
}

await main();
