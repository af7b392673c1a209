/**
 * Monte Carlo sensitivity of the analysis to the profiles' uncertainty: how
 * likely a package is to be acceptable to everyone, how each party's utility
 * of it is spread, and how often the nominal Nash package stays a Nash package
 * when every estimate moves within its stated range.
 *
 * Sampling (sensitivity-sample.ts): each uncertain weight and option value is
 * drawn independently and uniformly in its range. Reservation values and red
 * lines are certain.
 *
 * Reproducibility: sample i draws from `seededRandom(deriveSeed(seed, i))`,
 * so a run is the same however its samples are split into chunks, and chunk
 * tallies merged in order (`mergeTallies`, sensitivity-summary.ts) equal the
 * tally of one run.
 *
 * Tolerances: acceptable means within every red line and each utility ≥ the
 * reservation − 1e-9; a candidate is a Nash package of a sample when its
 * sampled utilities are within 1e-9 (each) of a point tied for the best Nash
 * product on the sample's frontier (ties as in solutions.ts).
 *
 * Speed (about 0.3 ms a sample for 3 parties × 8 issues of 3–5 options): a
 * sample is not compiled from scratch but re-weighted from the nominal
 * compiled space (`resampleSpace` in sensitivity-space.ts: same red lines and
 * groups, same numbers as `compileSpace`), and its Nash points are found by a
 * frontier search pruned with bounds (`nashPoints` in nash-search.ts: the same
 * points as `solve(computeFrontier(…))`). Both equivalences are
 * property-tested. Should the pruned search grow past `MAX_SEARCH_POINTS` it
 * falls back to the thinned frontier of frontier.ts; such samples are counted
 * (`inexactFrontiers`) as their Nash test is then approximate.
 *
 * When no profile has any uncertainty every sample is the nominal analysis:
 * the run is not refused but flagged `deterministic` (probabilities are then
 * exactly 0 or 1), and `certainParties` names the profiles without ranges.
 */

import { InvalidError } from '../errors.ts';
import type { PartyId } from '../ids.ts';
import {
  type CompiledSpace,
  compileSpace,
  packageIndices,
  utilityOf,
  withinRedLines,
} from './compiled-space.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import { nashPoints } from './nash-search.ts';
import { TIE_TOLERANCE } from './pareto.ts';
import type { Profile } from './profile.ts';
import { deriveSeed, seededRandom } from './random.ts';
import { checkUncertainty, hasUncertainty, sampleProfiles } from './sensitivity-sample.ts';
import { groupCombos, resampleSpace } from './sensitivity-space.ts';
import { criterionValue } from './solutions.ts';

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
