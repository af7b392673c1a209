/**
 * Tallies of sensitivity samples (sensitivity.ts) merged (`mergeTallies`) and
 * summarised (`summarise`): probabilities with Wilson 95% intervals and
 * distributions of the parties' utilities.
 */

import type { PartyId } from '../ids.ts';
import type { SensitivityTally } from './sensitivity.ts';

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
