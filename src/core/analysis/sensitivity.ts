/**
 * Monte Carlo sensitivity of the analysis to the profiles' uncertainty: how
 * likely a package is to be acceptable to everyone, how each party's utility
 * of it is spread, and how often the nominal Nash package stays a Nash package
 * when every estimate moves within its stated range.
 *
 * Sampling: each uncertain weight and option value is drawn independently and
 * uniformly in its interval. A quantity without an interval of its own but
 * with `relative` r is drawn in [x(1−r), x(1+r)], that interval clamped to
 * [0, 1] for values and to ≥ 0 for weights (clamping the interval, not the
 * draw, so no value piles up at a bound). Weights are drawn in the units they
 * are given in and normalised afterwards. Points of a value curve (`linear`)
 * are moved with `relative`; an option of a numeric issue with an interval of
 * its own turns that issue into per-option values for the sample. Reservation
 * values and red lines are certain (`Uncertainty` has no field for them).
 *
 * Reproducibility: sample i draws from `seededRandom(deriveSeed(seed, i))`,
 * so a run is the same however its samples are split into chunks, and chunk
 * tallies merged in order (`mergeTallies`) equal the tally of one run.
 *
 * Tolerances: acceptable means within every red line and each utility ≥ the
 * reservation − 1e-9; a candidate is a Nash package of a sample when its
 * sampled utilities are within 1e-9 (each) of a point tied for the best Nash
 * product on the sample's frontier (ties as in solutions.ts).
 *
 * Speed (about 0.3 ms a sample for 3 parties × 8 issues of 3–5 options): a
 * sample is not compiled from scratch but re-weighted from the nominal
 * compiled space (`resampleSpace`: same red lines and groups, same numbers as
 * `compileSpace`), and its Nash points are found by a frontier search pruned
 * with bounds (`nashPoints`: the same points as `solve(computeFrontier(…))`).
 * Both equivalences are property-tested. Should the pruned search grow past
 * `MAX_SEARCH_POINTS` it falls back to the thinned frontier of frontier.ts;
 * such samples are counted (`inexactFrontiers`) as their Nash test is then
 * approximate.
 *
 * When no profile has any uncertainty every sample is the nominal analysis:
 * the run is not refused but flagged `deterministic` (probabilities are then
 * exactly 0 or 1), and `certainParties` names the profiles without ranges.
 */

import { InvalidError, type Problem } from '../errors.ts';
import type { IssueId, OptionId, PartyId } from '../ids.ts';
import {
  type CompiledSpace,
  compileSpace,
  type Group,
  type OptionClass,
  packageIndices,
  utilityOf,
  withinRedLines,
} from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import { paretoFilter, TIE_TOLERANCE } from './pareto.ts';
import { type Interval, type IssueValues, linearValue, type Profile } from './profile.ts';
import { deriveSeed, seededRandom } from './random.ts';
import { criterionValue, solve, tied } from './solutions.ts';

/** A package whose robustness is asked about ("draft", "nash", "improvement 1"). */
export interface SensitivityCandidate {
  readonly label: string;
  readonly package: Package;
  /** Whether this is (one of the tied) nominal Nash packages, tested for `nashStability`. */
  readonly nash?: boolean;
}

/** What to analyse: the space, a profile per party, and the packages to follow. */
export interface SensitivityInput {
  readonly issues: readonly AnalysisIssue[];
  /** One per party, in the order of the result's `parties`. */
  readonly profiles: readonly Profile[];
  readonly candidates: readonly SensitivityCandidate[];
}

/** Which samples to run: indices [from, to) of the stream of `seed`. */
export interface SampleRange {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

/** What a run of samples found, in a form that merges exactly and crosses threads. */
export interface SensitivityTally {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly parties: readonly PartyId[];
  readonly candidates: readonly { readonly label: string; readonly nash: boolean }[];
  readonly deterministic: boolean;
  readonly certainParties: readonly PartyId[];
  /** Per candidate: each sample's utilities, sample-major (samples × parties). */
  readonly utilities: Float64Array[];
  /** Per candidate: samples in which it was acceptable to everyone. */
  readonly acceptable: number[];
  /** Per candidate, per party: samples in which it was at or above that party's reservation. */
  readonly acceptableTo: number[][];
  /** Per candidate: samples in which it was among the Nash packages. */
  readonly nashCount: number[];
  /** Samples in which a candidate flagged `nash` was among the Nash packages. */
  readonly nashStable: number;
  /** Samples in which no package was acceptable to everyone. */
  readonly noAgreement: number;
  /** Samples whose frontier had to be thinned (Nash tests there are approximate). */
  readonly inexactFrontiers: number;
}

/** Called every `PROGRESS_EVERY` samples and at the end with samples done in this run. */
export type SampleProgress = (done: number) => void;

/** Samples between two progress reports. */
export const PROGRESS_EVERY = 100;

/** The profiles with each uncertain weight and option value drawn in its range by `random`. */
export function sampleProfiles(
  profiles: readonly Profile[],
  issues: readonly AnalysisIssue[],
  random: () => number,
): Profile[] {
  return profiles.map((profile) => sampleProfile(profile, issues, random));
}

function sampleProfile(
  profile: Profile,
  issues: readonly AnalysisIssue[],
  random: () => number,
): Profile {
  const { uncertainty = {}, ...certain } = profile;
  if (!hasUncertainty(profile)) return profile.uncertainty === undefined ? profile : certain;
  const r = uncertainty.relative ?? 0;
  const draw = ({ low, high }: Interval) => (high > low ? low + (high - low) * random() : low);
  const around = (x: number, max: number): Interval => ({
    low: Math.min(max, Math.max(0, x * (1 - r))),
    high: Math.min(max, Math.max(0, x * (1 + r))),
  });
  const weights: Record<string, number> = { ...profile.weights };
  for (const issue of issues) {
    const nominal = profile.weights[issue.id];
    const interval =
      uncertainty.weights?.[issue.id] ??
      (nominal === undefined ? undefined : around(nominal, Number.POSITIVE_INFINITY));
    if (interval !== undefined) weights[issue.id] = draw(interval);
  }
  const values: Record<string, IssueValues> = { ...profile.values };
  for (const issue of issues) {
    const nominal = profile.values[issue.id];
    if (nominal === undefined) continue;
    const own = uncertainty.values?.[issue.id] ?? {};
    const curve =
      nominal.kind === 'linear'
        ? nominal.points.map(([x, y]) => [x, draw(around(y, 1))] as const)
        : undefined;
    if (curve !== undefined && Object.keys(own).length === 0) {
      values[issue.id] = { kind: 'linear', points: curve };
      continue;
    }
    const sampled: Record<string, number> = {};
    for (const option of issue.options) {
      const interval = own[option.id];
      if (nominal.kind === 'options') {
        const value = nominal.values[option.id] ?? 0;
        sampled[option.id] = draw(interval ?? around(value, 1));
      } else {
        const x = option.value ?? Number(option.id);
        sampled[option.id] = interval ? draw(interval) : linearValue(curve ?? [], x);
      }
    }
    values[issue.id] = { kind: 'options', values: sampled as Record<OptionId, number> };
  }
  return {
    ...certain,
    weights: weights as Record<IssueId, number>,
    values: values as Record<IssueId, IssueValues>,
  };
}

/** Whether a profile states any range (a positive `relative` or an interval). */
export function hasUncertainty(profile: Profile): boolean {
  const u = profile.uncertainty;
  if (u === undefined) return false;
  return (
    (u.relative ?? 0) > 0 ||
    Object.keys(u.weights ?? {}).length > 0 ||
    Object.values(u.values ?? {}).some((options) => Object.keys(options).length > 0)
  );
}

/** Problems with the profiles' ranges: unknown issues or options, empty or out-of-range intervals. */
export function checkUncertainty(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(issues.map((issue) => [issue.id as string, issue]));
  profiles.forEach((profile, k) => {
    const u = profile.uncertainty;
    if (u === undefined) return;
    const at = `profiles[${k}].uncertainty`;
    const r = u.relative;
    if (r !== undefined && !(r >= 0 && r <= 1))
      problems.push({ path: `${at}.relative`, message: 'must be between 0 and 1' });
    const check = (path: string, interval: Interval, max: number) => {
      if (!(interval.low >= 0 && interval.low <= interval.high && interval.high <= max))
        problems.push({
          path,
          message: `must have 0 ≤ low ≤ high${max === 1 ? ' ≤ 1' : ''} (got ${interval.low}–${interval.high})`,
        });
    };
    const r0 = r !== undefined && r >= 0 && r <= 1 ? r : 0;
    const canBePositive = issues.some(
      (issue) => (u.weights?.[issue.id]?.high ?? (profile.weights[issue.id] ?? 0) * (1 + r0)) > 0,
    );
    if (!canBePositive)
      problems.push({ path: `${at}.weights`, message: 'the ranges let every weight be 0' });
    for (const [issue, interval] of Object.entries(u.weights ?? {})) {
      if (!known.has(issue))
        problems.push({ path: `${at}.weights.${issue}`, message: `unknown issue "${issue}"` });
      else check(`${at}.weights.${issue}`, interval, Number.POSITIVE_INFINITY);
      if (known.has(issue) && interval.high > 0 && profile.values[issue as IssueId] === undefined)
        problems.push({
          path: `${at}.weights.${issue}`,
          message: 'the weight may be above 0 but the profile gives no values for the issue',
        });
    }
    for (const [issue, options] of Object.entries(u.values ?? {})) {
      const found = known.get(issue);
      if (found === undefined) {
        problems.push({ path: `${at}.values.${issue}`, message: `unknown issue "${issue}"` });
        continue;
      }
      for (const [option, interval] of Object.entries(options)) {
        const path = `${at}.values.${issue}.${option}`;
        if (!found.options.some((o) => o.id === option))
          problems.push({ path, message: `issue "${issue}" has no option "${option}"` });
        else check(path, interval, 1);
      }
    }
  });
  return problems;
}

/**
 * Checks an input before any sampling: the profiles and candidates against
 * the nominal space, the uncertainty ranges, at least one candidate. Throws
 * `InvalidError` listing every problem.
 */
export function checkSensitivityInput(input: SensitivityInput): void {
  const problems = checkUncertainty(input.issues, input.profiles);
  if (problems.length > 0)
    throw new InvalidError(problems, 'the uncertainty ranges cannot be used:');
  if (input.candidates.length === 0) throw InvalidError.of('no package to test was given');
  const space = compileSpace(input.issues, input.profiles);
  input.candidates.forEach((candidate) => {
    try {
      packageIndices(space, candidate.package);
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      const located = error.problems.map((p) => ({
        ...p,
        path: `candidates["${candidate.label}"].${p.path}`,
      }));
      throw new InvalidError(located, `package "${candidate.label}" does not fit the issues:`);
    }
  });
}

/**
 * Runs samples [from, to) of `seed` and tallies them. Pure and deterministic;
 * throws `InvalidError` for bad profiles, ranges or packages.
 */
export function runSensitivitySamples(
  input: SensitivityInput,
  range: SampleRange,
  onProgress?: SampleProgress,
): SensitivityTally {
  const { seed, from, to } = range;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to))
    throw InvalidError.of(`bad sample range [${from}, ${to})`);
  checkSensitivityInput(input);
  const n = input.profiles.length;
  const count = to - from;
  const tally = emptyTally(input, range);
  const nominalSpace = compileSpace(input.issues, input.profiles);
  const choices = input.candidates.map((c) => packageIndices(nominalSpace, c.package));
  const allowed = choices.map((choice) => withinRedLines(nominalSpace, choice));
  const counts = { nashStable: 0, noAgreement: 0, inexactFrontiers: 0 };
  const combos = groupCombos(nominalSpace);
  const one = (k: number, space: CompiledSpace) => {
    const d = space.reservations;
    const utilities = choices.map((choice) => utilityOf(space, choice));
    const acceptable = utilities.map((u, c) => {
      let all = allowed[c] as boolean;
      for (let p = 0; p < n; p++) {
        const ok = (u[p] as number) >= (d[p] as number) - TIE_TOLERANCE;
        if (ok) bump(tally.acceptableTo[c] as number[], p);
        all &&= ok;
      }
      return all;
    });
    const floor = Math.max(
      0,
      ...utilities.map((u, c) => (acceptable[c] ? criterionValue('nash', u, d) : 0)),
    );
    const nash = nashPoints(space, floor);
    if (nash === undefined) counts.noAgreement++;
    else if (!nash.exact) counts.inexactFrontiers++;
    let stable = false;
    utilities.forEach((u, c) => {
      (tally.utilities[c] as Float64Array).set(u, k * n);
      if (!acceptable[c]) return;
      bump(tally.acceptable, c);
      let isNash = false;
      for (let i = 0; i < (nash?.count ?? 0) && !isNash; i++)
        isNash = close(nash?.points as Float64Array, i * n, u);
      if (isNash) bump(tally.nashCount, c);
      if (isNash && input.candidates[c]?.nash) stable = true;
    });
    if (stable) counts.nashStable++;
  };
  if (tally.deterministic) {
    // Every sample is the nominal analysis: run it once and count it `count` times.
    if (count > 0) one(0, nominalSpace);
    return replicate(tally, counts, count, onProgress);
  }
  for (let k = 0; k < count; k++) {
    const random = seededRandom(deriveSeed(seed, from + k));
    const profiles = sampleProfiles(input.profiles, input.issues, random);
    one(k, resampleSpace(nominalSpace, profiles, combos));
    if ((k + 1) % PROGRESS_EVERY === 0 && k + 1 < count) onProgress?.(k + 1);
  }
  onProgress?.(count);
  return { ...tally, ...counts };
}

/**
 * Every allowed combination of each group of a compiled space, in the order
 * `compileSpace` visits them (option indices in increasing order, the group's
 * first issue slowest).
 */
export function groupCombos(space: CompiledSpace): Int32Array[][] {
  return space.groups.map((group) =>
    group.classes
      .flatMap((cls) => cls.combos)
      .sort((a, b) => {
        for (let j = 0; j < a.length; j++)
          if (a[j] !== b[j]) return (a[j] as number) - (b[j] as number);
        return 0;
      }),
  );
}

/**
 * `compileSpace(space.issues, profiles)` for profiles that differ from those
 * `space` was compiled from only in weights and values (as samples do), without
 * compiling again: the issues, red lines and groups are kept, the utilities
 * and the classes of each group are recomputed with the same arithmetic in the
 * same order, so the result is equal, number for number (property-tested).
 * The profiles are not checked again.
 */
export function resampleSpace(
  space: CompiledSpace,
  profiles: readonly Profile[],
  combos: readonly (readonly Int32Array[])[] = groupCombos(space),
): CompiledSpace {
  const issues = space.issues;
  const n = profiles.length;
  const weights = profiles.map((profile) => {
    const raw = issues.map((issue) => profile.weights[issue.id] ?? 0);
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => (sum > 0 ? w / sum : 0));
  });
  const contribution = issues.map((issue, i) => {
    const options = issue.options;
    const table = new Float64Array(options.length * n);
    for (let p = 0; p < n; p++) {
      const weight = weights[p]?.[i] as number;
      const values = profiles[p]?.values[issue.id];
      for (let o = 0; o < options.length; o++) {
        const option = options[o] as (typeof options)[number];
        let value = 0;
        if (values?.kind === 'options') value = values.values[option.id] ?? 0;
        else if (values?.kind === 'linear')
          value = linearValue(values.points, option.value ?? Number(option.id));
        table[o * n + p] = weight * value;
      }
    }
    return table;
  });
  const groups = space.groups.map((group, g) => ({
    issues: group.issues,
    classes: classesOf(group.issues, combos[g] ?? [], contribution, n),
  }));
  return {
    ...space,
    parties: profiles.map((profile) => profile.party),
    contribution,
    reservations: Float64Array.from(profiles.map((profile) => profile.reservation)),
    groups,
  };
}

/**
 * The classes of a group as `compileSpace` forms them: combinations whose
 * utilities print the same to 12 decimals are one class. Keys are only built
 * when two vectors come within 2e-12 of each other in every utility (farther
 * apart, their keys must differ), which is rare once values are sampled.
 */
function classesOf(
  issues: readonly number[],
  combos: readonly Int32Array[],
  contribution: readonly Float64Array[],
  n: number,
): OptionClass[] {
  const vectors = combos.map((combo) => {
    const vector = new Float64Array(n);
    for (let j = 0; j < issues.length; j++) {
      const table = contribution[issues[j] as number] as Float64Array;
      const base = (combo[j] as number) * n;
      for (let p = 0; p < n; p++) vector[p] = (vector[p] as number) + (table[base + p] as number);
    }
    return vector;
  });
  if (vectors.length <= 64 && !vectors.some((v, a) => vectors.some((w, b) => b > a && near(v, w))))
    return vectors.map((vector, c) => ({ vector, combos: [combos[c] as Int32Array] }));
  const classes = new Map<string, { vector: Float64Array; combos: Int32Array[] }>();
  vectors.forEach((vector, c) => {
    const key = Array.from(vector, (x) => x.toFixed(12)).join(',');
    const existing = classes.get(key);
    if (existing === undefined) classes.set(key, { vector, combos: [combos[c] as Int32Array] });
    else existing.combos.push(combos[c] as Int32Array);
  });
  return [...classes.values()];
}

function near(a: Float64Array, b: Float64Array): boolean {
  for (let p = 0; p < a.length; p++)
    if (Math.abs((a[p] as number) - (b[p] as number)) > 2e-12) return false;
  return true;
}

/** Utility vectors tied for the best Nash product, `count` × parties. */
export interface NashPoints {
  readonly points: Float64Array;
  readonly count: number;
  /** False when the search gave up and an ε-frontier was read instead. */
  readonly exact: boolean;
}

/** Most points `nashPoints` keeps (more than two parties) before it falls back to the frontier. */
export const MAX_SEARCH_POINTS = 10_000;

/** Margin kept when pruning, so that rounding in the bounds never drops a tied point. */
const PRUNE_MARGIN = 2 * TIE_TOLERANCE;

/**
 * The utility vectors `solve(computeFrontier(space), 'nash')` returns, found
 * faster. The frontier is built group by group as in frontier.ts (widest
 * groups first), but a
 * partial point is dropped as soon as no completion of it can be acceptable
 * (a party stays below its reservation even with its best option in every
 * later group) or reach `floor`, a Nash product some acceptable package is
 * known to have (bound: the product of the parties' gains with their best
 * later options). Both bounds only grow with the utilities, so a point that
 * dominates a kept point is never dropped: the points kept are exactly the
 * frontier points that can still be the Nash solution, and ties within 1e-9
 * are kept (the pruning leaves a margin of 2e-9). Agreement with the frontier
 * is property-tested. When more than `MAX_SEARCH_POINTS` points are kept
 * (300,000 for two parties, whose filter is O(N log N)) it falls back to
 * `computeFrontier`, which thins, and says it is not exact.
 * Undefined when no package is acceptable.
 */
export function nashPoints(space: CompiledSpace, floor = 0): NashPoints | undefined {
  const n = space.parties.length;
  const d = space.reservations;
  if (space.groups.length === 0 && space.issues.length > 0) return undefined;
  // Widest groups first: the bounds then tighten early and prune most.
  const groups = [...space.groups].sort((a, b) => spread(b, n) - spread(a, n));
  // best[s * n + p]: party p's best total over groups s, s + 1, …
  const best = new Float64Array((groups.length + 1) * n);
  for (let s = groups.length - 1; s >= 0; s--)
    for (let p = 0; p < n; p++) {
      let top = Number.NEGATIVE_INFINITY;
      for (const cls of groups[s]?.classes ?? []) top = Math.max(top, cls.vector[p] as number);
      best[s * n + p] = (best[(s + 1) * n + p] as number) + top;
    }
  let points = new Float64Array(n);
  let count = 1;
  for (let s = 0; s < groups.length; s++) {
    const classes = groups[s]?.classes ?? [];
    const candidates = new Float64Array(count * classes.length * n);
    let kept = 0;
    for (let f = 0; f < count; f++)
      for (const cls of classes) {
        let bound = 1;
        for (let p = 0; p < n; p++) {
          const u = (points[f * n + p] as number) + (cls.vector[p] as number);
          candidates[kept * n + p] = u;
          const gain = u + (best[(s + 1) * n + p] as number) - (d[p] as number);
          bound = gain < -PRUNE_MARGIN ? -1 : bound * Math.max(0, gain);
          if (bound < 0) break;
        }
        if (bound >= floor - PRUNE_MARGIN) kept++;
      }
    const survivors = paretoFilter(candidates, kept, n);
    if (survivors.length > (n === 2 ? 300_000 : MAX_SEARCH_POINTS)) return nashOfFrontier(space);
    points = new Float64Array(survivors.length * n);
    survivors.forEach((index, j) => {
      points.set(candidates.subarray(index * n, index * n + n), j * n);
    });
    count = survivors.length;
  }
  let top = Number.NEGATIVE_INFINITY;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u = points.subarray(i * n, i * n + n);
    let ok = true;
    for (let p = 0; p < n && ok; p++) ok = (u[p] as number) >= (d[p] as number) - TIE_TOLERANCE;
    values[i] = ok ? criterionValue('nash', u, d) : Number.NEGATIVE_INFINITY;
    top = Math.max(top, values[i] as number);
  }
  if (top === Number.NEGATIVE_INFINITY) return undefined;
  const tiedPoints: number[] = [];
  for (let i = 0; i < count; i++)
    if (values[i] !== Number.NEGATIVE_INFINITY && tied(top, values[i] as number))
      tiedPoints.push(...points.subarray(i * n, i * n + n));
  return { points: Float64Array.from(tiedPoints), count: tiedPoints.length / n, exact: true };
}

/** Σ over parties of the range of a group's contributions. */
function spread(group: Group, n: number): number {
  let total = 0;
  for (let p = 0; p < n; p++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const cls of group.classes) {
      low = Math.min(low, cls.vector[p] as number);
      high = Math.max(high, cls.vector[p] as number);
    }
    if (high > low) total += high - low;
  }
  return total;
}

/** The Nash points of the (possibly thinned) frontier. */
function nashOfFrontier(space: CompiledSpace): NashPoints | undefined {
  const n = space.parties.length;
  const frontier = computeFrontier(space);
  const solution = solve(frontier, 'nash');
  if (solution === undefined) return undefined;
  const points = new Float64Array(solution.points.length * n);
  solution.points.forEach((i, j) => {
    points.set(frontier.utilitiesAt(i), j * n);
  });
  return { points, count: solution.points.length, exact: frontier.exact };
}

function bump(counts: number[], index: number): void {
  counts[index] = (counts[index] as number) + 1;
}

function close(points: Float64Array, base: number, u: Float64Array): boolean {
  for (let p = 0; p < u.length; p++)
    if (Math.abs((points[base + p] as number) - (u[p] as number)) > TIE_TOLERANCE) return false;
  return true;
}

function emptyTally(input: SensitivityInput, { seed, from, to }: SampleRange): SensitivityTally {
  const n = input.profiles.length;
  const m = input.candidates.length;
  return {
    seed,
    from,
    to,
    parties: input.profiles.map((profile) => profile.party),
    candidates: input.candidates.map((c) => ({ label: c.label, nash: c.nash === true })),
    deterministic: !input.profiles.some(hasUncertainty),
    certainParties: input.profiles.filter((p) => !hasUncertainty(p)).map((p) => p.party),
    utilities: Array.from({ length: m }, () => new Float64Array((to - from) * n)),
    acceptable: new Array<number>(m).fill(0),
    acceptableTo: Array.from({ length: m }, () => new Array<number>(n).fill(0)),
    nashCount: new Array<number>(m).fill(0),
    nashStable: 0,
    noAgreement: 0,
    inexactFrontiers: 0,
  };
}

/** A deterministic tally whose first sample was run: the same outcome `count` times. */
function replicate(
  tally: SensitivityTally,
  counts: { nashStable: number; noAgreement: number; inexactFrontiers: number },
  count: number,
  onProgress?: SampleProgress,
): SensitivityTally {
  const n = tally.parties.length;
  for (const utilities of tally.utilities)
    for (let k = 1; k < count; k++) utilities.copyWithin(k * n, 0, n);
  const times = (x: number) => x * count;
  onProgress?.(count);
  return {
    ...tally,
    acceptable: tally.acceptable.map(times),
    acceptableTo: tally.acceptableTo.map((row) => row.map(times)),
    nashCount: tally.nashCount.map(times),
    nashStable: times(counts.nashStable),
    noAgreement: times(counts.noAgreement),
    inexactFrontiers: times(counts.inexactFrontiers),
  };
}

/**
 * The tally of two adjacent runs of the same input and seed (either order):
 * exactly the tally one run over both ranges gives.
 */
export function mergeTallies(a: SensitivityTally, b: SensitivityTally): SensitivityTally {
  const [first, second] = a.to === b.from ? [a, b] : [b, a];
  if (first.to !== second.from || first.seed !== second.seed)
    throw new Error(
      `cannot merge samples [${first.from}, ${first.to}) and [${second.from}, ${second.to}) of seeds ${first.seed} and ${second.seed}`,
    );
  const join = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return {
    ...first,
    to: second.to,
    utilities: first.utilities.map((u, c) => join(u, second.utilities[c] ?? new Float64Array())),
    acceptable: add(first.acceptable, second.acceptable),
    acceptableTo: first.acceptableTo.map((row, c) => add(row, second.acceptableTo[c] ?? [])),
    nashCount: add(first.nashCount, second.nashCount),
    nashStable: first.nashStable + second.nashStable,
    noAgreement: first.noAgreement + second.noAgreement,
    inexactFrontiers: first.inexactFrontiers + second.inexactFrontiers,
  };
}

/** A share of samples with its Wilson score interval at 95%. */
export interface Probability {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** A spread of sampled values; quantiles interpolate linearly between order statistics. */
export interface Distribution {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly p5: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p95: number;
  readonly max: number;
}

/** How one candidate package fared over the samples. */
export interface CandidateSensitivity {
  readonly label: string;
  readonly nash: boolean;
  /** Within every red line and at or above every reservation value. */
  readonly acceptable: Probability;
  /** Among the packages tied for the best Nash product. */
  readonly nashPackage: Probability;
  /** Per party, in the order of `parties`. */
  readonly parties: readonly {
    readonly party: PartyId;
    /** At or above this party's reservation value (red lines aside). */
    readonly aboveReservation: Probability;
    readonly utility: Distribution;
  }[];
}

/** The outcome of a sensitivity run (`summarise`). */
export interface SensitivityResult {
  readonly samples: number;
  readonly seed: number;
  /** No profile has any uncertainty: every sample was the nominal analysis. */
  readonly deterministic: boolean;
  /** Parties whose profile states no range (their estimates were taken as exact). */
  readonly certainParties: readonly PartyId[];
  readonly parties: readonly PartyId[];
  readonly candidates: readonly CandidateSensitivity[];
  /** How often a candidate flagged `nash` stays a Nash package; undefined when none is flagged. */
  readonly nashStability?: Probability;
  /** Samples in which no package was acceptable to everyone. */
  readonly noAgreement: number;
  /** Samples whose frontier was thinned to an ε-frontier. */
  readonly inexactFrontiers: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The share `successes / trials` with its Wilson score 95% interval (0–1 for no trials). */
export function wilsonInterval(successes: number, trials: number): Probability {
  if (trials === 0) return { estimate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const scale = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / scale;
  const half = (Z95 / scale) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    estimate: p,
    low: successes === 0 ? 0 : Math.min(p, Math.max(0, centre - half)),
    high: successes === trials ? 1 : Math.max(p, Math.min(1, centre + half)),
  };
}

/** Mean, standard deviation (n − 1) and quantiles of `values`. */
export function distributionOf(values: Float64Array): Distribution {
  const n = values.length;
  if (n === 0) {
    const nan = Number.NaN;
    return {
      mean: nan,
      sd: nan,
      min: nan,
      p5: nan,
      p25: nan,
      median: nan,
      p75: nan,
      p95: nan,
      max: nan,
    };
  }
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const sorted = Float64Array.from(values).sort();
  const q = (share: number) => {
    const at = share * (n - 1);
    const below = Math.floor(at);
    const lo = sorted[below] as number;
    const hi = sorted[Math.min(n - 1, below + 1)] as number;
    return lo + (hi - lo) * (at - below);
  };
  return {
    mean,
    sd: n > 1 && sorted[0] !== sorted[n - 1] ? Math.sqrt(squares / (n - 1)) : 0,
    min: sorted[0] as number,
    p5: q(0.05),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    max: sorted[n - 1] as number,
  };
}

/** Probabilities and distributions from a tally. */
export function summarise(tally: SensitivityTally): SensitivityResult {
  const samples = tally.to - tally.from;
  const n = tally.parties.length;
  const flagged = tally.candidates.some((c) => c.nash);
  return {
    samples,
    seed: tally.seed,
    deterministic: tally.deterministic,
    certainParties: tally.certainParties,
    parties: tally.parties,
    candidates: tally.candidates.map((candidate, c) => {
      const utilities = tally.utilities[c] as Float64Array;
      return {
        label: candidate.label,
        nash: candidate.nash,
        acceptable: wilsonInterval(tally.acceptable[c] as number, samples),
        nashPackage: wilsonInterval(tally.nashCount[c] as number, samples),
        parties: tally.parties.map((party, p) => {
          const own = new Float64Array(samples);
          for (let k = 0; k < samples; k++) own[k] = utilities[k * n + p] as number;
          return {
            party,
            aboveReservation: wilsonInterval(tally.acceptableTo[c]?.[p] as number, samples),
            utility: distributionOf(own),
          };
        }),
      };
    }),
    ...(flagged ? { nashStability: wilsonInterval(tally.nashStable, samples) } : {}),
    noAgreement: tally.noAgreement,
    inexactFrontiers: tally.inexactFrontiers,
  };
}
